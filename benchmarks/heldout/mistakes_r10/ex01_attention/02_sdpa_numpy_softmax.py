"""
exercise: 1.1
learner: weak
cause: The softmax is done in NumPy on detached scores, so the returned weights are cut from the autograd graph and no gradient reaches query or key; keep it in torch, torch.softmax(scores, dim=-1).
downstream: no
wrong_function: scaled_dot_product_attention
"""

import math

import numpy as np
import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = (query @ key.transpose(-2, -1) / math.sqrt(d_k)).detach().numpy()
    exp_scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = torch.from_numpy(exp_scores / exp_scores.sum(axis=-1, keepdims=True))
    out = weights @ value
    return out, weights
