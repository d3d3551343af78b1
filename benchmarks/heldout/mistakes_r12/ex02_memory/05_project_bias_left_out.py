"""
exercise: 2.2
learner: weak
cause: Only the weight is applied (x W^T) and the bias b of x̂ = W x_t + b is left out; add projection.linear.bias, or simply call projection.linear(inputs).
downstream: no
"""

import torch


def project_input(projection, inputs):
    """inputs x_t [B, input_size] -> x̂ [B, F] with the layer's Linear, projection.linear."""
    weight = projection.linear.weight
    return torch.matmul(inputs, weight.t())
