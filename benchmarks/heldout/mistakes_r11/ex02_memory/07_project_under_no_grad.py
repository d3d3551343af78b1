"""
exercise: 2.2
learner: weak
cause: The projection runs inside torch.no_grad() (copied from the lesson's demo cells), so x̂ has no graph and the Linear layer can never be trained; call projection.linear(inputs) with gradients on.
downstream: no
wrong_function: project_input
"""

import torch


def project_input(projection, inputs):
    """inputs x_t [B, input_size] -> x̂ [B, F] with the layer's Linear, projection.linear."""
    with torch.no_grad():
        x_hat = projection.linear(inputs)
    return x_hat
