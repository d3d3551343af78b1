"""
exercise: 3.2
learner: careful
cause: The forget gate is read as the share of the memory to forget and the old memory is multiplied by 1 - f; f is the share kept (f near 1 keeps the memory, that is why forget_bias = 1 helps), so the old memory enters as f ⊙ M.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * torch.tanh(attended_memory) + (1 - forget_gate) * memory
