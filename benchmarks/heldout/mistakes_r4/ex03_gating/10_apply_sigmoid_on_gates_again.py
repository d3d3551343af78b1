"""
exercise: 3.2
learner: careful
cause: The gates arrive already squashed (create_gates applied the sigmoids) and a second sigmoid pushes them into (0.5, 0.73); multiply by input_gate and forget_gate directly.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return torch.sigmoid(input_gate) * torch.tanh(attended_memory) + torch.sigmoid(forget_gate) * memory
