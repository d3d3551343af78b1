"""
exercise: 3.2
learner: careful
cause: The new memory is put through tanh as an LSTM's h' = σ(o) ⊙ tanh(c'); the RMC has no output gate and M' is the cell update itself, i ⊙ tanh(M̃) + f ⊙ M, returned without a further tanh.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    """M' = input_gate * tanh(M̃) + forget_gate * M, gates [B, N, G] broadcast over F when G = 1."""
    cell = input_gate * torch.tanh(attended_memory) + forget_gate * memory
    return torch.tanh(cell)  # keep the memory in (-1, 1)
