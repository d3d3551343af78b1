"""
exercise: 1.1
learner: weak
cause: key.T is copied from the lesson's 2-D example, but on [B, H, Nk, d_k] .T reverses every axis instead of swapping the last two, so the product fails (or mixes batch and heads); use key.transpose(-2, -1) (or key.mT).
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.T / math.sqrt(d_k)
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
