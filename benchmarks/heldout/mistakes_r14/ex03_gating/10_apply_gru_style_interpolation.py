"""
exercise: 3.2
learner: careful
cause: The update is written GRU-style, mixing with (1 - f) for the new content, so the input gate is never used; the RMC has two independent gates, M' = input_gate * tanh(M̃) + forget_gate * M.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    proposal = torch.tanh(attended_memory)
    return forget_gate * memory + (1 - forget_gate) * proposal
