"""
exercise: 2.2
learner: careful
cause: The weight is used as an [in, out] kernel (the Sonnet/TensorFlow convention), but an nn.Linear weight is [out_features, in_features]; multiply by its transpose, inputs @ weight.T + bias, or call projection.linear(inputs).
downstream: no
wrong_function: project_input
"""

import torch


def project_input(projection, inputs):
    """inputs x_t [B, input_size] -> x̂ [B, F] with the layer's Linear, projection.linear."""
    w = projection.linear.weight
    b = projection.linear.bias
    return inputs @ w + b
