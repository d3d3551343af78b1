"""
exercise: 2.2
learner: careful
cause: The projection is multiplied by sqrt(F) as Transformer embeddings are, but the RMC's x̂ is the plain affine map W x_t + b; return projection.linear(inputs) without the scale.
downstream: no
"""

import math

import torch


def project_input(projection, inputs):
    d_model = projection.linear.out_features
    return projection.linear(inputs) * math.sqrt(d_model)
