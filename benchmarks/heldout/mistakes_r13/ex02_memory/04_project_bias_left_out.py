"""
exercise: 2.2
learner: weak
cause: Only the weight is applied, inputs @ W.T, and the bias b of x̂ = W x_t + b is left out; add projection.linear.bias, or simply call projection.linear(inputs).
downstream: no
wrong_function: project_input
"""

import torch


def project_input(projection, inputs):
    weight = projection.linear.weight  # [F, input_size]
    return inputs @ weight.T
