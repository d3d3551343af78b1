"""
exercise: 1.1
learner: weak
cause: The scores are taken as (query * key).sum(dim=-1), the pairwise dot of the lesson's variance measurement, which pairs query i only with key i (and fails when Nq and Nk differ); every query must meet every key, query @ key.transpose(-2, -1) -> [..., Nq, Nk].
downstream: no
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = (query * key).sum(dim=-1) / math.sqrt(d_k)
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
