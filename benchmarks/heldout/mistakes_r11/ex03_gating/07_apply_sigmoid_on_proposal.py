"""
exercise: 3.2
learner: weak
cause: The proposal is squashed with a sigmoid, which maps it into (0, 1), but the formula uses tanh(M̃), which keeps its sign in (-1, 1); use torch.tanh(attended_memory).
downstream: no
wrong_function: apply_gates
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    new_content = input_gate * torch.sigmoid(attended_memory)
    kept = forget_gate * memory
    return new_content + kept
