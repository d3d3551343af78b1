"""
exercise: 3.2
learner: weak
cause: mul_ and add_ overwrite the caller's old memory instead of building a new tensor.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    memory.mul_(forget_gate)
    memory.add_(input_gate * torch.tanh(attended_memory))
    return memory
