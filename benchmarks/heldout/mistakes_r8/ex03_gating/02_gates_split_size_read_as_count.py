"""
exercise: 3.1
learner: weak
cause: split(2, dim=-1) is used as if it cut the features into two halves (like chunk(2)), but split takes the size of each piece, so it returns gate_size pieces of 2 features and the unpacking into two gates fails; split at gates.gate_size (or use chunk(2, dim=-1)).
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)[:, None, :]
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    input_pre, forget_pre = (from_input + from_memory).split(2, dim=-1)
    input_gate = torch.sigmoid(input_pre + gates.input_bias)
    forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    return input_gate, forget_gate
