"""
exercise: 3.1
learner: careful
cause: The constant biases are added to each layer's term (to W_x x̂ and again to W_m tanh(M)), as an LSTM cell has a bias on each of its two layers, so they count twice; add input_bias and forget_bias once, to the sum of the two terms.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    G = gates.gate_size
    x_input, x_forget = gates.input_to_gates(projected_input).unsqueeze(1).split(G, dim=-1)
    m_input, m_forget = gates.memory_to_gates(torch.tanh(memory)).split(G, dim=-1)
    input_gate = torch.sigmoid((x_input + gates.input_bias) + (m_input + gates.input_bias))
    forget_gate = torch.sigmoid((x_forget + gates.forget_bias) + (m_forget + gates.forget_bias))
    return input_gate, forget_gate
