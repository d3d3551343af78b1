"""
exercise: 2.2
learner: weak
cause: Only the weight is applied, x_t W^T, and the bias b of x̂ = W x_t + b is left out; add projection.linear.bias, or simply call projection.linear(inputs).
downstream: no
"""

import torch


def project_input(projection, inputs):
    return inputs @ projection.linear.weight.T
