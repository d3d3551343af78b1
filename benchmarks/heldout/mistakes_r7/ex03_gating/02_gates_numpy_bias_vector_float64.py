"""
exercise: 3.1
learner: weak
cause: The constant biases are built as a numpy array of Python floats, which is float64, so adding it promotes the gates to float64; build the constants as torch values in the input's dtype, or simply add gates.input_bias and gates.forget_bias (plain numbers) to each half.
downstream: no
"""

import numpy as np
import torch


def create_gates(gates, projected_input, memory):
    G = gates.gate_size
    from_input = gates.input_to_gates(projected_input)[:, None, :]  # [B, 1, 2G]
    from_memory = gates.memory_to_gates(torch.tanh(memory))  # [B, N, 2G]
    constants = torch.from_numpy(np.repeat([gates.input_bias, gates.forget_bias], G))  # [2G]
    pre = from_input + from_memory + constants
    input_gate, forget_gate = torch.sigmoid(pre).split(G, dim=-1)
    return input_gate, forget_gate
