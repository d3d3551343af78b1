"""
exercise: 1.1
learner: weak
cause: The softmax is computed in numpy and turned back into a tensor, so the weights are cut off from the autograd graph and no gradient reaches query and key; compute it with torch.softmax on the tensor.
downstream: no
"""

import math

import numpy as np
import torch


def scaled_dot_product_attention(query, key, value):
    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])
    s = scores.detach().numpy()
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    weights = torch.from_numpy(e / e.sum(axis=-1, keepdims=True))
    return weights @ value, weights
