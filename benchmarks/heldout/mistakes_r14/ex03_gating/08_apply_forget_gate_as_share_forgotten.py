"""
exercise: 3.2
learner: careful
cause: The forget gate is read as the share of the memory to forget, so (1 - f) of M is kept; f is the share kept (a forget bias of 1 means keep by default), so the old memory enters as forget_gate * memory.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * torch.tanh(attended_memory) + (1 - forget_gate) * memory
