"""
exercise: 2.2
learner: careful
cause: x̂ is multiplied by sqrt(F) as Transformer embeddings are, but the projection here is the plain affine map x̂ = W x_t + b with no scale; return projection.linear(inputs) unscaled.
downstream: no
"""

import math


def project_input(projection, inputs):
    projected = projection.linear(inputs)
    return projected * math.sqrt(projected.shape[-1])  # scale to the memory width, as for embeddings
