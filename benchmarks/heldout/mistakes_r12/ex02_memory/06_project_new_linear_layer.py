"""
exercise: 2.2
learner: weak
cause: A new nn.Linear is built inside the function, with fresh random weights on every call and not the layer's trained ones; use the layer that is given, projection.linear(inputs).
downstream: no
"""

import torch


def project_input(projection, inputs):
    """inputs x_t [B, input_size] -> x̂ [B, F] with the layer's Linear, projection.linear."""
    mem_size = projection.linear.out_features
    linear = torch.nn.Linear(inputs.shape[-1], mem_size)
    return linear(inputs)
