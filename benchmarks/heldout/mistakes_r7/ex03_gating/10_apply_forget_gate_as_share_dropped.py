"""
exercise: 3.2
learner: careful
cause: The forget gate is read as the share of the memory to forget, so the old memory is scaled by 1 - f; in the RMC (as in the LSTM) f is the share kept (forget_bias 1 means remember by default), so the term is forget_gate * memory.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * torch.tanh(attended_memory) + (1 - forget_gate) * memory
