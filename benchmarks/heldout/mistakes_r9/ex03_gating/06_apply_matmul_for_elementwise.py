"""
exercise: 3.2
learner: weak
cause: ⊙ is read as a matrix product and written with @, which multiplies [B, N, G] by [B, N, F] as matrices and fails on the shapes; ⊙ is the element-wise product, written with *: input_gate * torch.tanh(attended_memory) + forget_gate * memory.
downstream: no
wrong_function: apply_gates
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate @ torch.tanh(attended_memory) + forget_gate @ memory
