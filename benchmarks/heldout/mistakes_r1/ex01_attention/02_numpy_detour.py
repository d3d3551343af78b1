"""
exercise: 1.1
learner: weak
cause: going through NumPy (.detach().numpy() and back with torch.tensor) cuts the autograd graph and turns float32 into float64, so no gradient reaches the projections.
downstream: no
"""

import numpy as np
import torch


def scaled_dot_product_attention(query, key, value):
    q = query.detach().numpy()
    k = key.detach().numpy()
    v = value.detach().numpy()
    d_k = q.shape[-1]
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(d_k)
    e = np.exp(scores)
    weights = e / e.sum(axis=-1, keepdims=True)
    return torch.tensor(weights @ v), torch.tensor(weights)
