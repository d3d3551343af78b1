"""
exercise: 3.2
learner: weak
cause: The proposal is squashed with torch.sigmoid (copied from the gate lines) instead of torch.tanh, so the new content is always positive; use input_gate * torch.tanh(attended_memory).
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * torch.sigmoid(attended_memory) + forget_gate * memory
