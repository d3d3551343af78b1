"""
exercise: 3.1
learner: weak
cause: The pre-activations are detached and split with np.split, so the gates come back as new tensors outside the autograd graph and the gate layers never get a gradient; split the tensor itself with torch, pre.split(gates.gate_size, dim=-1).
downstream: no
wrong_function: create_gates
"""

import numpy as np
import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)[:, None, :]
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    pre = from_input + from_memory
    input_pre, forget_pre = np.split(pre.detach().numpy(), 2, axis=-1)
    input_gate = torch.sigmoid(torch.from_numpy(input_pre) + gates.input_bias)
    forget_gate = torch.sigmoid(torch.from_numpy(forget_pre) + gates.forget_bias)
    return input_gate, forget_gate
