"""
exercise: 3.2
learner: careful
cause: The new memory is squashed once more, as the LSTM's h' = tanh(c'); the RMC has no output squashing, its next memory is the cell update i ⊙ tanh(M̃) + f ⊙ M itself, so return it without the outer tanh.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    cell = input_gate * torch.tanh(attended_memory) + forget_gate * memory
    return torch.tanh(cell)
