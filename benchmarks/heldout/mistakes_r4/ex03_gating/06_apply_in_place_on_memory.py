"""
exercise: 3.2
learner: weak
cause: mul_ and add_ write the result into the caller's memory tensor (and fail on a memory that needs a gradient); compute a new tensor, input_gate * torch.tanh(attended_memory) + forget_gate * memory.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return memory.mul_(forget_gate).add_(input_gate * torch.tanh(attended_memory))
