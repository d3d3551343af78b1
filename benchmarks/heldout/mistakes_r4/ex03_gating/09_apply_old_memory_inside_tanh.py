"""
exercise: 3.2
learner: careful
cause: The old memory is added inside the tanh, as if M̃ were an update to M; M̃ is already the whole proposal, so the new content is i ⊙ tanh(M̃) and M enters only through f ⊙ M.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * torch.tanh(attended_memory + memory) + forget_gate * memory
