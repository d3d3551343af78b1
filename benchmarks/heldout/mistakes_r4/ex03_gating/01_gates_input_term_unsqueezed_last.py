"""
exercise: 3.1
learner: weak
cause: unsqueeze(-1) makes the input term [B, 2G, 1], which does not broadcast against the memory term [B, N, 2G]; the new axis is the slot axis, unsqueeze(1) -> [B, 1, 2G].
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input).unsqueeze(-1)
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    return torch.sigmoid(input_pre + gates.input_bias), torch.sigmoid(forget_pre + gates.forget_bias)
