"""
exercise: 3.1
learner: weak
cause: The input's gate term [B, 2G] is added to the memory's [B, N, 2G] without a slot axis, so broadcasting lines up the batch with the slots; add the axis with [:, None, :] (unsqueeze(1)) so it is shared by every slot.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    pre = gates.input_to_gates(projected_input) + gates.memory_to_gates(torch.tanh(memory))
    input_pre, forget_pre = pre.split(gates.gate_size, dim=-1)
    return torch.sigmoid(input_pre + gates.input_bias), torch.sigmoid(forget_pre + gates.forget_bias)
