"""
exercise: 3.2
learner: weak
cause: The proposal is squashed with sigmoid, the gates' function, so the new content is always positive and lies in (0, 1); the candidate M̃ is squashed with tanh, into (-1, 1): input_gate * torch.tanh(attended_memory).
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    """M' = input_gate * tanh(M̃) + forget_gate * M, gates [B, N, G] broadcast over F when G = 1."""
    new_content = input_gate * torch.sigmoid(attended_memory)
    old_content = forget_gate * memory
    return new_content + old_content
