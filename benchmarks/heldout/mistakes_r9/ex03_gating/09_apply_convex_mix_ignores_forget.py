"""
exercise: 3.2
learner: careful
cause: The old memory is weighted by 1 - input_gate, a GRU-style mix, so the forget gate passed in is never used; the RMC has two independent gates, M' = i ⊙ tanh(M̃) + f ⊙ M, with forget_gate on the old memory.
downstream: no
wrong_function: apply_gates
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * torch.tanh(attended_memory) + (1 - input_gate) * memory
