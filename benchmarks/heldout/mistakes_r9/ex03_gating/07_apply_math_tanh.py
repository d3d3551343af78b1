"""
exercise: 3.2
learner: weak
cause: math.tanh works on one Python number only, so it fails on a tensor; use torch.tanh (or attended_memory.tanh()), which squashes every element.
downstream: no
wrong_function: apply_gates
"""

import math


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    new_content = input_gate * math.tanh(attended_memory)
    kept = forget_gate * memory
    return new_content + kept
