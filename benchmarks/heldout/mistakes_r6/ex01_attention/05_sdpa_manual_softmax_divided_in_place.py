"""
exercise: 1.1
learner: weak
cause: The hand-written softmax normalises the exponentials in place (/=), but autograd kept exp's output to compute its gradient, so backward fails ('modified by an inplace operation'); divide out of place, weights = exps / exps.sum(-1, keepdim=True), or use torch.softmax(scores, dim=-1).
downstream: no
"""

import math


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    weights = scores.exp()
    weights /= weights.sum(dim=-1, keepdim=True)
    return weights @ value, weights
