"""
exercise: 3.2
learner: weak
cause: ⊙ is an element-wise product (*), not a matrix product (@).
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate @ torch.tanh(attended_memory) + forget_gate @ memory
