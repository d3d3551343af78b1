"""
exercise: 1.4
learner: careful
cause: In 1.1 the softmax is written by hand with in-place exp_() and /=, which overwrites the exponentials autograd saved, so the forward values are right but backward fails; use torch.softmax(scores, dim=-1) (or out-of-place exp and division).
downstream: yes (1.1 scaled_dot_product_attention is wrong)
wrong_function: scaled_dot_product_attention
"""

import math


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    weights = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    weights.exp_()
    weights /= weights.sum(dim=-1, keepdim=True)
    return weights @ value, weights
