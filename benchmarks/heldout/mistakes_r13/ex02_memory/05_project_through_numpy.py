"""
exercise: 2.2
learner: weak
cause: The product is computed in NumPy on detached arrays and turned back into a tensor, which leaves the autograd graph: the Linear layer never gets a gradient and cannot learn. Stay in torch, projection.linear(inputs).
downstream: no
wrong_function: project_input
"""

import numpy as np
import torch


def project_input(projection, inputs):
    W = projection.linear.weight.detach().numpy()
    b = projection.linear.bias.detach().numpy()
    x = inputs.detach().numpy()
    x_hat = np.dot(x, W.T) + b
    return torch.from_numpy(x_hat)
