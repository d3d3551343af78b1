"""
exercise: 3.1
learner: weak
cause: projected_input.repeat(N, 1) stacks copies of the whole batch one after another, so view(B, N, F) fills a batch element's slots with other batch elements' inputs; give each element its own input on every slot with projected_input[:, None, :] (broadcast) or unsqueeze(1).expand(-1, N, -1).
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    B, N, F = memory.shape
    tiled_input = projected_input.repeat(N, 1).view(B, N, F)
    pre = gates.input_to_gates(tiled_input) + gates.memory_to_gates(torch.tanh(memory))
    input_pre, forget_pre = pre.split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre + gates.input_bias)
    forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    return input_gate, forget_gate
