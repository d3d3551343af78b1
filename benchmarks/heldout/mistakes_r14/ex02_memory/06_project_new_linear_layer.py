"""
exercise: 2.2
learner: weak
cause: A new nn.Linear is built inside the function, so every call projects with fresh random weights that are never trained, not with the layer given; use the projection's own layer, projection.linear(inputs).
downstream: no
wrong_function: project_input
"""

from torch import nn


def project_input(projection, inputs):
    """inputs x_t [B, input_size] -> x̂ [B, F] with the layer's Linear, projection.linear."""
    input_size = inputs.shape[-1]
    mem_size = projection.linear.out_features
    linear = nn.Linear(input_size, mem_size)
    return linear(inputs)
