"""
exercise: 1.1
learner: weak
cause: The attention is computed in NumPy on detached copies and turned back into tensors, so the result is cut off from autograd (no gradient reaches the queries, keys, values or the layer) and comes back as float64 (np.sqrt gives a float64 scalar); keep every step in torch (matmul, torch.softmax).
downstream: no
wrong_function: scaled_dot_product_attention
"""

import numpy as np
import torch


def scaled_dot_product_attention(query, key, value):
    q = query.detach().numpy()
    k = key.detach().numpy()
    v = value.detach().numpy()
    d_k = q.shape[-1]
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(d_k)
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = e / e.sum(axis=-1, keepdims=True)
    out = weights @ v
    return torch.from_numpy(out), torch.from_numpy(weights)
