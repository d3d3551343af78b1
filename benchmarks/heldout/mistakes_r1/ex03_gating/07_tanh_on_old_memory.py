"""
exercise: 3.2
learner: careful
cause: tanh belongs only to the new content M̃; the old memory is kept as it is (f ⊙ M, not f ⊙ tanh(M)).
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * torch.tanh(attended_memory) + forget_gate * torch.tanh(memory)
