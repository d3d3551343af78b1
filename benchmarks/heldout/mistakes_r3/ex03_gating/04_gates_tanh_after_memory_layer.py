"""
exercise: 3.1
learner: weak
cause: tanh is applied to the output of memory_to_gates instead of to the memory that goes in (W_m tanh(M), not tanh(W_m M)); squash the memory first, then apply the layer.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)[:, None, :]
    from_memory = torch.tanh(gates.memory_to_gates(memory))
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    return torch.sigmoid(input_pre + gates.input_bias), torch.sigmoid(forget_pre + gates.forget_bias)
