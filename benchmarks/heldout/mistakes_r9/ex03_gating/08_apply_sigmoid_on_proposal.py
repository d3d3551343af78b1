"""
exercise: 3.2
learner: weak
cause: The proposal is squashed with a sigmoid, like the gates, so the new content lies in (0, 1) and can never push a unit down; M̃ is squashed with tanh, into (-1, 1): input_gate * torch.tanh(attended_memory).
downstream: no
wrong_function: apply_gates
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * torch.sigmoid(attended_memory) + forget_gate * memory
