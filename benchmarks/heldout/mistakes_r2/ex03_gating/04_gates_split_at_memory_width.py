"""
exercise: 3.1
learner: weak
cause: The gate features are split at the memory width F (as in the lesson's unit-gate example), which only works for gate_style="unit"; split at gates.gate_size, which is 1 for memory-style gates.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    F = memory.shape[-1]
    from_input = gates.input_to_gates(projected_input)[:, None, :]
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    input_pre, forget_pre = (from_input + from_memory).split(F, dim=-1)
    return torch.sigmoid(input_pre + gates.input_bias), torch.sigmoid(forget_pre + gates.forget_bias)
