"""
exercise: 3.2
learner: weak
cause: ⊙ is written as @, a matrix product over the last two axes, which does not fit [B, N, G] against [B, N, F] (and would mix slots if it did); ⊙ is the element-wise product, input_gate * torch.tanh(attended_memory) + forget_gate * memory.
downstream: no
wrong_function: apply_gates
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate @ torch.tanh(attended_memory) + forget_gate @ memory
