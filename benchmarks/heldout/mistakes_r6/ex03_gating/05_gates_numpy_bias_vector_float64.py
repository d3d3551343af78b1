"""
exercise: 3.1
learner: weak
cause: The bias vector is built with numpy (np.repeat), which makes it float64, and adding it promotes the gates to float64 whatever the dtype of the inputs; add the two Python numbers gates.input_bias and gates.forget_bias to the halves (or build the vector with torch in the pre-activations' dtype).
downstream: no
"""

import numpy as np
import torch


def create_gates(gates, projected_input, memory):
    G = gates.gate_size
    pre = gates.input_to_gates(projected_input)[:, None, :] + gates.memory_to_gates(torch.tanh(memory))
    bias = torch.tensor(np.repeat([gates.input_bias, gates.forget_bias], G))  # [2G]
    input_gate, forget_gate = torch.sigmoid(pre + bias).split(G, dim=-1)
    return input_gate, forget_gate
