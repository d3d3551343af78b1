"""
exercise: 3.2
learner: weak
cause: The two gates are swapped: the forget gate scales the new content and the input gate the old memory; the input gate lets in tanh(M̃) and the forget gate keeps M, M' = input_gate * tanh(M̃) + forget_gate * M.
downstream: no
wrong_function: apply_gates
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    keep = input_gate * memory
    new = forget_gate * torch.tanh(attended_memory)
    return new + keep
