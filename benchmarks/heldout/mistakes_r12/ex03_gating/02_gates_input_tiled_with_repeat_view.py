"""
exercise: 3.1
learner: weak
cause: repeat(N, 1) stacks the whole batch N times ([b0, b1, b0, b1, ...]) and view(B, N, -1) then cuts that list into rows, so a batch element's slots receive other batch elements' input terms; add a slot axis and broadcast (unsqueeze(1), or repeat(1, N, 1) after it).
downstream: no
wrong_function: create_gates
"""

import torch


def create_gates(gates, projected_input, memory):
    B, N, F = memory.shape
    from_input = gates.input_to_gates(projected_input)  # [B, 2G]
    tiled = from_input.repeat(N, 1).view(B, N, -1)  # tile the input over the slots
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    input_pre, forget_pre = (tiled + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre + gates.input_bias)
    forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    return input_gate, forget_gate
