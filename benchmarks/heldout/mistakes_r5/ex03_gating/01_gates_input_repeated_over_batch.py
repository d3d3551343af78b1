"""
exercise: 3.1
learner: weak
cause: repeat(N, 1) stacks N copies of the whole batch ([x̂_0, x̂_1, x̂_0, x̂_1, ...]), so view(B, N, 2G) hands slots the input terms of other batch elements; broadcast the input term over the slots instead, gates.input_to_gates(projected_input)[:, None, :] (or repeat along a new slot axis).
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    B, N, _ = memory.shape
    # the input term is the same for every slot: tile it N times
    from_input = gates.input_to_gates(projected_input).repeat(N, 1).view(B, N, -1)  # [B, N, 2G]
    from_memory = gates.memory_to_gates(torch.tanh(memory))  # [B, N, 2G]
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre + gates.input_bias)
    forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    return input_gate, forget_gate
