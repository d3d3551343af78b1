"""
exercise: 3.1
learner: weak
cause: chunk(2, dim=1) cuts the slot axis of the [B, N, 2G] pre-activations, not the features, so the 'gates' are groups of slots with all 2G features; split the last axis, .split(gates.gate_size, dim=-1).
downstream: no
wrong_function: create_gates
"""

import torch


def create_gates(gates, projected_input, memory):
    x_part = gates.input_to_gates(projected_input)[:, None, :]
    m_part = gates.memory_to_gates(torch.tanh(memory))
    both = x_part + m_part
    i, f = both.chunk(2, dim=1)
    i = torch.sigmoid(i + gates.input_bias)
    f = torch.sigmoid(f + gates.forget_bias)
    return i, f
