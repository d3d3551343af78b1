"""
exercise: 3.2
learner: weak
cause: The gates are repeated F times along the last axis for every style, so unit gates [B, N, F] become [B, N, F·F] and no longer match the memory; broadcasting already spreads a [B, N, 1] gate over the units, so multiply the gates as they are.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    """M' = input_gate * tanh(M̃) + forget_gate * M, gates [B, N, G] broadcast over F when G = 1."""
    F = memory.shape[-1]
    input_gate = input_gate.repeat(1, 1, F)  # one gate per unit
    forget_gate = forget_gate.repeat(1, 1, F)
    return input_gate * torch.tanh(attended_memory) + forget_gate * memory
