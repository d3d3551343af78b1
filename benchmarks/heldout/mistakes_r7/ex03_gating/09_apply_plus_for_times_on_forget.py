"""
exercise: 3.2
learner: weak
cause: The forget term is typed forget_gate + memory instead of forget_gate * memory, so the gate is added to the old memory rather than scaling it; multiply, f ⊙ M.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * torch.tanh(attended_memory) + forget_gate + memory
