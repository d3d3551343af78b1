"""
exercise: 3.2
learner: careful
cause: The forget gate is read as the share of memory to forget and (1 - f) ⊙ M is kept; in the RMC, as in the LSTM, f is the share kept (a large forget_bias means remember), so the old memory enters as f ⊙ M.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    """M' = input_gate * tanh(M̃) + forget_gate * M, gates [B, N, G] broadcast over F when G = 1."""
    kept = (1 - forget_gate) * memory  # f says how much of M is forgotten
    return input_gate * torch.tanh(attended_memory) + kept
