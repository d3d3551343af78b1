"""
exercise: 3.2
learner: careful
cause: The new memory is passed through tanh at the end, like the LSTM's hidden state h' = o ⊙ tanh(c'); M' is the cell update itself, i ⊙ tanh(M̃) + f ⊙ M, with no final tanh (the RMC has no output gate or output squashing).
downstream: no
wrong_function: apply_gates
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    cell = input_gate * torch.tanh(attended_memory) + forget_gate * memory
    return torch.tanh(cell)
