"""
exercise: 3.2
learner: weak
cause: The ⊙ of the formula is read as a matrix product (@), which multiplies [N, G] by [N, F] matrices and fails (or mixes slots); ⊙ is the element-wise product, written *, with [B, N, 1] gates broadcasting over the units.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    """M' = input_gate * tanh(M̃) + forget_gate * M, gates [B, N, G] broadcast over F when G = 1."""
    new_content = input_gate @ torch.tanh(attended_memory)
    kept = forget_gate @ memory
    return new_content + kept
