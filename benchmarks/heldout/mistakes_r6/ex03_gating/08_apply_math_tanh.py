"""
exercise: 3.2
learner: weak
cause: math.tanh works on one Python number, not on a tensor of many, so it raises; use the elementwise torch.tanh(attended_memory).
downstream: no
"""

import math


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * math.tanh(attended_memory) + forget_gate * memory
