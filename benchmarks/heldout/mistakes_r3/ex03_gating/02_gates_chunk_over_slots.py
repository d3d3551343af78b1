"""
exercise: 3.1
learner: weak
cause: chunk(2, dim=1) cuts the slot axis in two instead of the gate features; split the last axis (dim=-1) into the input half and the forget half.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)[:, None, :]
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    input_pre, forget_pre = torch.chunk(from_input + from_memory, 2, dim=1)
    return torch.sigmoid(input_pre + gates.input_bias), torch.sigmoid(forget_pre + gates.forget_bias)
