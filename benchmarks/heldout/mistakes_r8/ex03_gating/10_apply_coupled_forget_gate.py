"""
exercise: 3.2
learner: careful
cause: The new content is weighted by 1 - f (a coupled, GRU-style gate), so the input gate is never used; the RMC has a separate input gate, M' = i * tanh(M̃) + f * M.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return (1 - forget_gate) * torch.tanh(attended_memory) + forget_gate * memory
