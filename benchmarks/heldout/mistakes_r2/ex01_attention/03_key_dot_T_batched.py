"""
exercise: 1.1
learner: weak
cause: `key.T` (copied from the 2-D lesson example) reverses all axes of a batched key, so the product fails with leading batch/head axes; transpose only the last two axes with key.transpose(-2, -1).
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    scores = query @ key.T
    weights = torch.softmax(scores / math.sqrt(key.shape[-1]), dim=-1)
    return weights @ value, weights
