"""
exercise: 3.2
learner: weak
cause: ⊙ is the elementwise product, but @ is a (batched) matrix product, which does not fit [B, N, G] by [B, N, F] and raises; multiply with *, input_gate * torch.tanh(attended_memory) + forget_gate * memory.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate @ torch.tanh(attended_memory) + forget_gate @ memory
