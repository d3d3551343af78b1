"""
exercise: 3.2
learner: careful
cause: The forget gate is read as the share of the memory to forget and the old memory is multiplied by 1 - f, but f is the share kept (forget_bias = 1 makes f ≈ 0.73 to keep memory early on); multiply the old memory by forget_gate itself.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * torch.tanh(attended_memory) + (1 - forget_gate) * memory
