"""
exercise: 3.1
learner: careful
cause: The memory goes into memory_to_gates as it is; the gates see the memory squashed by tanh, W_m tanh(M), so apply torch.tanh to the memory before its layer.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)[:, None, :]
    from_memory = gates.memory_to_gates(memory)
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre + gates.input_bias)
    forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    return input_gate, forget_gate
