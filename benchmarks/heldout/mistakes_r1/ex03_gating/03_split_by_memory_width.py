"""
exercise: 3.1
learner: weak
cause: the gate features are split into chunks of the memory width F (right only for the lesson's 'unit' gates) instead of gates.gate_size, so 'memory' gates (G = 1) break.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    F = memory.shape[-1]
    from_input = gates.input_to_gates(projected_input)[:, None, :]
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    input_pre, forget_pre = (from_input + from_memory).split(F, dim=-1)
    return torch.sigmoid(input_pre + gates.input_bias), torch.sigmoid(forget_pre + gates.forget_bias)
