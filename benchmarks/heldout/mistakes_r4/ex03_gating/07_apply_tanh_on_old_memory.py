"""
exercise: 3.2
learner: weak
cause: tanh is put on the old memory too; only the proposal M̃ is squashed, the forget path keeps f ⊙ M as it is so the memory can be carried over unchanged.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * torch.tanh(attended_memory) + forget_gate * torch.tanh(memory)
