"""
exercise: 3.2
learner: careful
cause: the old memory is kept with (1 - input_gate), a coupled GRU-style update, instead of with its own forget gate.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * torch.tanh(attended_memory) + (1 - input_gate) * memory
