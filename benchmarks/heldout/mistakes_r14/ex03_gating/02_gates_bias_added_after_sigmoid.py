"""
exercise: 3.1
learner: weak
cause: The constant biases are added after the sigmoid, so the gates are shifted out of (0, 1) (a forget gate up to 2); the biases go inside, sigmoid(forget_pre + gates.forget_bias).
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    x_part = gates.input_to_gates(projected_input).unsqueeze(1)
    m_part = gates.memory_to_gates(torch.tanh(memory))
    i, f = (x_part + m_part).split(gates.gate_size, dim=-1)
    i = torch.sigmoid(i) + gates.input_bias
    f = torch.sigmoid(f) + gates.forget_bias
    return i, f
