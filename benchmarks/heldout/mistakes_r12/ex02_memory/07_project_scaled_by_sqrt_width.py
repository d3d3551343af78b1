"""
exercise: 2.2
learner: careful
cause: The projection is multiplied by sqrt(F) as Transformer embeddings are, but x̂ = W x_t + b has no scale factor; return projection.linear(inputs) as it is.
downstream: no
"""

import math


def project_input(projection, inputs):
    """inputs x_t [B, input_size] -> x̂ [B, F] with the layer's Linear, projection.linear."""
    width = projection.linear.out_features
    return projection.linear(inputs) * math.sqrt(width)
