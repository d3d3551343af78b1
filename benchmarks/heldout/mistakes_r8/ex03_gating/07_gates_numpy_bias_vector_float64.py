"""
exercise: 3.1
learner: weak
cause: The constant biases are built as a numpy vector, which is float64, and adding it to the float32 pre-activations promotes the gates to float64; add the Python numbers gates.input_bias and gates.forget_bias (or build the vector with the pre-activations' dtype).
downstream: no
"""

import numpy as np
import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)[:, None, :]
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    G = gates.gate_size
    bias = torch.from_numpy(np.repeat([gates.input_bias, gates.forget_bias], G))  # [2G]
    input_pre, forget_pre = (from_input + from_memory + bias).split(G, dim=-1)
    return torch.sigmoid(input_pre), torch.sigmoid(forget_pre)
