"""
exercise: 3.1
learner: weak
cause: split(2) is read as 'cut into two pieces', but split's number is the size of each piece, so 2G features give G pieces of 2 and the unpacking into two gates fails (or, with G = 1, gives one piece); use split(gates.gate_size, dim=-1) or chunk(2, dim=-1).
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
