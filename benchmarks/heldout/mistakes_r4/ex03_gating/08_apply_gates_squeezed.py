"""
exercise: 3.2
learner: weak
cause: squeeze(-1) drops the size-1 axis of memory-style gates, so [B, N] then lines up with the units instead of the slots; keep the gates [B, N, 1], which broadcast over the units as they are.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    input_gate, forget_gate = input_gate.squeeze(-1), forget_gate.squeeze(-1)
    return input_gate * torch.tanh(attended_memory) + forget_gate * memory
