"""
exercise: 3.2
learner: careful
cause: The old memory is squashed too, f ⊙ tanh(M), as in the gates' input, but the forget path keeps M itself; only M̃ goes through tanh: M' = i ⊙ tanh(M̃) + f ⊙ M.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * torch.tanh(attended_memory) + forget_gate * torch.tanh(memory)
