"""
exercise: 3.2
learner: weak
cause: ⊙ is written as a matrix product (@), which multiplies [.., N, G] by [.., N, F] as matrices and fails (or mixes slots); ⊙ is the elementwise product, input_gate * torch.tanh(attended_memory).
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate @ torch.tanh(attended_memory) + forget_gate @ memory
