"""
exercise: 2.2
learner: careful
cause: projection.linear is an nn.Linear, which already adds its bias, so adding projection.linear.bias again gives W x_t + 2b; the layer alone computes x̂ = W x_t + b.
downstream: no
wrong_function: project_input
"""

import torch


def project_input(projection, inputs):
    # x̂ = W x_t + b
    wx = projection.linear(inputs)
    return wx + projection.linear.bias
