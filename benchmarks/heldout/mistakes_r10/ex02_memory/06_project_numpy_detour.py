"""
exercise: 2.2
learner: weak
cause: The product is computed in NumPy and turned back into a tensor, which leaves the autograd graph, so the projection's weight and bias never get a gradient; stay in torch, projection.linear(inputs).
downstream: no
"""

import numpy as np
import torch


def project_input(projection, inputs):
    weight = projection.linear.weight.detach().numpy()
    bias = projection.linear.bias.detach().numpy()
    x_hat = inputs.detach().numpy() @ weight.T + bias
    return torch.from_numpy(x_hat)
