"""
exercise: 2.2
learner: weak
cause: Only the weight is applied (x W^T), the bias b of x̂ = W x_t + b is left out; add projection.linear.bias, or simply call projection.linear(inputs).
downstream: no
wrong_function: project_input
"""

import torch


def project_input(projection, inputs):
    """inputs x_t [B, input_size] -> x̂ [B, F] with the layer's Linear, projection.linear."""
    return inputs @ projection.linear.weight.T
