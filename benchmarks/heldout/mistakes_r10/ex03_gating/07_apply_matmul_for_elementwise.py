"""
exercise: 3.2
learner: weak
cause: ⊙ is written as @, a matrix product over the last two axes (for [B, N, F] tensors it fails unless N = F); ⊙ is the element-wise product, written * in torch.
downstream: no
wrong_function: apply_gates
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate @ torch.tanh(attended_memory) + forget_gate @ memory
