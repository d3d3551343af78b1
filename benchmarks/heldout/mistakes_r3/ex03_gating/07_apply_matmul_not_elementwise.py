"""
exercise: 3.2
learner: weak
cause: The gates are applied with a matrix product (@) instead of element by element; use * so that each unit is multiplied by its own gate.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate @ torch.tanh(attended_memory) + forget_gate @ memory
