"""
exercise: 3.1
learner: weak
cause: The bias vector is built with numpy, whose floats are float64, and torch.tensor keeps that dtype, so adding it promotes the gates to float64; add the two constants as Python numbers (input_pre + gates.input_bias, forget_pre + gates.forget_bias) or build the vector with the pre-activations' dtype.
downstream: no
"""

import numpy as np
import torch


def create_gates(gates, projected_input, memory):
    pre = gates.input_to_gates(projected_input)[:, None, :] + gates.memory_to_gates(torch.tanh(memory))  # [B, N, 2G]
    # input_bias for the first G features, forget_bias for the next G
    biases = torch.tensor(np.repeat([gates.input_bias, gates.forget_bias], gates.gate_size))  # [2G]
    input_gate, forget_gate = torch.sigmoid(pre + biases).split(gates.gate_size, dim=-1)
    return input_gate, forget_gate
