"""
exercise: 2.2
learner: careful
cause: A tanh is put on the projection, but x̂ = W x_t + b is a plain affine map (tanh comes later, inside the gates); return projection.linear(inputs) unchanged.
downstream: no
"""

import torch


def project_input(projection, inputs):
    return torch.tanh(projection.linear(inputs))
