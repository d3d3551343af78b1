"""
exercise: 2.2
learner: careful
cause: A new nn.Linear of the right sizes is built inside the function, so every call projects with fresh random weights that are never trained; use the projection's own layer, projection.linear(inputs) (calling that layer is allowed, only projection(x) scores 0).
downstream: no
wrong_function: project_input
"""

import torch


def project_input(projection, inputs):
    linear = torch.nn.Linear(inputs.shape[-1], projection.linear.out_features)
    return linear(inputs)
