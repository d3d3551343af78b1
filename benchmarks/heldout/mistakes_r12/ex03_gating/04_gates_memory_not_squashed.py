"""
exercise: 3.1
learner: weak
cause: The memory goes into memory_to_gates as it is; the gates see the memory squashed by tanh, W_m tanh(M), so pass torch.tanh(memory) to the layer.
downstream: no
wrong_function: create_gates
"""

import torch


def create_gates(gates, projected_input, memory):
    x_term = gates.input_to_gates(projected_input).unsqueeze(1)
    m_term = gates.memory_to_gates(memory)
    pre = x_term + m_term
    i, f = pre.split(gates.gate_size, dim=-1)
    return torch.sigmoid(i + gates.input_bias), torch.sigmoid(f + gates.forget_bias)
