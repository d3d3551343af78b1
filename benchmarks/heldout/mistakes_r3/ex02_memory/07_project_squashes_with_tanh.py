"""
exercise: 2.2
learner: careful
cause: The projection is passed through tanh, but x̂ = W x_t + b is purely linear; return projection.linear(inputs) without the nonlinearity.
downstream: no
"""

import torch


def project_input(projection, inputs):
    return torch.tanh(projection.linear(inputs))  # keep it in the range of the memory
