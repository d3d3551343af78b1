"""
exercise: 3.1
learner: weak
cause: memory.tanh_() squashes the caller's memory in place, so the memory used after the gates (the forget path) is changed too; use torch.tanh(memory), which leaves the argument untouched.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)[:, None, :]
    from_memory = gates.memory_to_gates(memory.tanh_())
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    return torch.sigmoid(input_pre + gates.input_bias), torch.sigmoid(forget_pre + gates.forget_bias)
