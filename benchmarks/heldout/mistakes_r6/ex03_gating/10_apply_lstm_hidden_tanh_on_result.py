"""
exercise: 3.2
learner: careful
cause: The new memory is squashed once more with tanh, as LSTM's hidden state h' = tanh(c') (with the output gate dropped); the RMC has no such step: M' = i ⊙ tanh(M̃) + f ⊙ M is returned as it is, like the cell state c'.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return torch.tanh(input_gate * torch.tanh(attended_memory) + forget_gate * memory)
