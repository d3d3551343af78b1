"""
exercise: 2.2
learner: weak
cause: Only the weight is applied, inputs @ W.T, and the bias b of x̂ = W x_t + b is left out (the bias starts at zero, so the values agree at first, but it gets no gradient and never learns); add projection.linear.bias, or simply call projection.linear(inputs).
downstream: no
"""

import torch


def project_input(projection, inputs):
    return torch.matmul(inputs, projection.linear.weight.t())
