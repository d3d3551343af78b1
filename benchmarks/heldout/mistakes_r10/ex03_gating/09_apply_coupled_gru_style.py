"""
exercise: 3.2
learner: careful
cause: The old memory is kept with (1 - i), as in a GRU or highway layer whose one gate mixes old and new; the RMC has a separate forget gate, so the kept part is forget_gate * memory.
downstream: no
wrong_function: apply_gates
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    candidate = torch.tanh(attended_memory)
    return input_gate * candidate + (1 - input_gate) * memory
