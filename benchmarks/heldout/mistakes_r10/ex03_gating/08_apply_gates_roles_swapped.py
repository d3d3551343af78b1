"""
exercise: 3.2
learner: weak
cause: The forget gate scales the new content and the input gate the old memory; it is the other way round: the input gate lets the proposal in, i ⊙ tanh(M̃), the forget gate keeps the old memory, f ⊙ M.
downstream: no
wrong_function: apply_gates
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    new = torch.tanh(attended_memory)
    return forget_gate * new + input_gate * memory
