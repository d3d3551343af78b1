"""
exercise: 3.2
learner: weak
cause: The gates are swapped: the forget gate scales the new content and the input gate the old memory; the input gate lets in tanh(M̃) and the forget gate keeps M, M' = i * tanh(M̃) + f * M.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return forget_gate * torch.tanh(attended_memory) + input_gate * memory
