"""
exercise: 1.4
learner: careful
cause: In 1.1 the scores are computed as K Qᵀ instead of Q Kᵀ, so rows index the keys and columns the queries and the softmax spreads each key's attention over the queries (with Nq != Nk the shapes do not even fit); compute query @ key.transpose(-2, -1).
downstream: yes (1.1 scaled_dot_product_attention is wrong)
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = key @ query.transpose(-2, -1) / math.sqrt(d_k)
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
