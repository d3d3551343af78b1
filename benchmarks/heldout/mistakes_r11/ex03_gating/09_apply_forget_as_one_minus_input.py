"""
exercise: 3.2
learner: careful
cause: The old memory is weighted by 1 - input_gate, as in a GRU's interpolation, so the forget gate passed in is never used; the RMC has two independent gates, M' = i ⊙ tanh(M̃) + f ⊙ M.
downstream: no
wrong_function: apply_gates
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    candidate = torch.tanh(attended_memory)
    return input_gate * candidate + (1 - input_gate) * memory
