"""
exercise: 2.2
learner: careful
cause: The projection runs under torch.no_grad() (as in the lesson's demos), so no gradient reaches the Linear layer and it can never learn; compute it with autograd on, without no_grad.
downstream: no
"""

import torch


def project_input(projection, inputs):
    with torch.no_grad():
        projected = projection.linear(inputs)
    return projected
