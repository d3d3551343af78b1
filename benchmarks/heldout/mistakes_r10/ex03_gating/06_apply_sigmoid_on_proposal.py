"""
exercise: 3.2
learner: weak
cause: The proposal M̃ is squashed with a sigmoid, like the gates, so the new content is in (0, 1) and can never be negative; the equation uses tanh(M̃), in (-1, 1).
downstream: no
wrong_function: apply_gates
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    new_content = torch.sigmoid(attended_memory)
    return input_gate * new_content + forget_gate * memory
