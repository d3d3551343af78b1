"""
exercise: 2.2
learner: careful
cause: F.linear already computes x Wᵀ + b, so passing weight.T transposes twice.
downstream: no
"""

import torch.nn.functional as F


def project_input(projection, inputs):
    return F.linear(inputs, projection.linear.weight.T, projection.linear.bias)
