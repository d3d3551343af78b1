"""
exercise: 3.2
learner: careful
cause: The new memory is squashed with tanh before it is returned, like the LSTM's h' = tanh(c'); the RMC has no such step: M' = i ⊙ tanh(M̃) + f ⊙ M is returned as it is, and it is also the output.
downstream: no
wrong_function: apply_gates
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    cell = input_gate * torch.tanh(attended_memory) + forget_gate * memory
    return torch.tanh(cell)
