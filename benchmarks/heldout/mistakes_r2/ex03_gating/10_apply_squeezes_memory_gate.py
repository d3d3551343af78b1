"""
exercise: 3.2
learner: weak
cause: The memory-style gates are squeezed to [B, N], which then broadcasts against the last (feature) axis instead of over the units of a slot; keep them [B, N, 1] so they broadcast over F.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    if input_gate.shape[-1] == 1:
        input_gate, forget_gate = input_gate.squeeze(-1), forget_gate.squeeze(-1)
    return input_gate * torch.tanh(attended_memory) + forget_gate * memory
