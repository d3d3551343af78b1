"""
exercise: 3.1
learner: weak
cause: The pre-activations go through NumPy (detach().numpy(), np.split) and back, which cuts them from the autograd graph, so no gradient reaches the gate layers and they never learn; split the torch tensor with .split(gates.gate_size, dim=-1).
downstream: no
"""

import numpy as np
import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)[:, None, :]
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    pre = (from_input + from_memory).detach().numpy()
    input_pre, forget_pre = np.split(pre, 2, axis=-1)
    input_gate = torch.sigmoid(torch.from_numpy(input_pre) + gates.input_bias)
    forget_gate = torch.sigmoid(torch.from_numpy(forget_pre) + gates.forget_bias)
    return input_gate, forget_gate
