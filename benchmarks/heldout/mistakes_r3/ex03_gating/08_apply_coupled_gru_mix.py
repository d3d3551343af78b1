"""
exercise: 3.2
learner: careful
cause: The old memory is weighted by (1 - input_gate) as in a GRU, so the forget gate is never used; the RMC keeps forget_gate * memory with its own gate.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * torch.tanh(attended_memory) + (1 - input_gate) * memory
