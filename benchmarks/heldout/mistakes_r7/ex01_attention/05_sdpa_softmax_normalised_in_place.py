"""
exercise: 1.1
learner: careful
cause: The softmax is written by hand and normalised in place (weights /= ...), which overwrites the output of exp that autograd saved for the backward pass, so backward raises; normalise out of place (weights = e / e.sum(dim=-1, keepdim=True)) or use torch.softmax(scores, dim=-1).
downstream: no
"""

import math


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    weights = scores.exp()
    weights /= weights.sum(dim=-1, keepdim=True)
    return weights @ value, weights
