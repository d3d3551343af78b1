"""
exercise: 3.2
learner: weak
cause: ⊙ is written as the matrix product @, which multiplies [N, G] by [N, F] as matrices (and fails on these shapes); the gates multiply element by element, input_gate * torch.tanh(attended_memory) + forget_gate * memory.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    new_content = input_gate @ torch.tanh(attended_memory)
    kept = forget_gate @ memory
    return new_content + kept
