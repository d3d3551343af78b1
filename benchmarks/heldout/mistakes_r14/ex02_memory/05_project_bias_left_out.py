"""
exercise: 2.2
learner: weak
cause: Only the weight is applied, x_t W^T, and the bias b is never added; x̂ = W x_t + b, so add projection.linear.bias (or simply call projection.linear(inputs)).
downstream: no
wrong_function: project_input
"""

import torch


def project_input(projection, inputs):
    """inputs x_t [B, input_size] -> x̂ [B, F] with the layer's Linear, projection.linear."""
    W = projection.linear.weight  # [F, input_size]
    return torch.matmul(inputs, W.t())
