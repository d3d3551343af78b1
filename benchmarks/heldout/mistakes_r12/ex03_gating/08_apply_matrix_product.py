"""
exercise: 3.2
learner: weak
cause: ⊙ is the element-wise product, not a matrix product: @ multiplies [N, F] by [N, F] matrices, which fails (and would mix units); use * so each gate value scales its own unit.
downstream: no
wrong_function: apply_gates
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    new_content = input_gate @ torch.tanh(attended_memory)
    kept = forget_gate @ memory
    return new_content + kept
