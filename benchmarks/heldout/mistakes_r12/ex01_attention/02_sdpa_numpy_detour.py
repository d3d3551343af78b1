"""
exercise: 1.1
learner: weak
cause: The attention is computed in NumPy on detached copies and turned back into tensors with torch.from_numpy, so the result has no autograd history and no gradient reaches q, k, v (or the layer's weights); compute it with torch operations on the tensors themselves.
downstream: no
wrong_function: scaled_dot_product_attention
"""

import math

import numpy as np
import torch


def scaled_dot_product_attention(query, key, value):
    q = query.detach().numpy()
    k = key.detach().numpy()
    v = value.detach().numpy()
    scores = q @ np.swapaxes(k, -1, -2) / math.sqrt(q.shape[-1])
    exps = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = exps / exps.sum(axis=-1, keepdims=True)
    return torch.from_numpy(weights @ v), torch.from_numpy(weights)
