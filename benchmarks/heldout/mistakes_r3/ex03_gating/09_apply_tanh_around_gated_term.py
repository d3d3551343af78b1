"""
exercise: 3.2
learner: weak
cause: tanh is taken of the gated product, tanh(i * M̃), instead of gating the squashed proposal, i * tanh(M̃); apply tanh to attended_memory before multiplying by the input gate.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return torch.tanh(input_gate * attended_memory) + forget_gate * memory
