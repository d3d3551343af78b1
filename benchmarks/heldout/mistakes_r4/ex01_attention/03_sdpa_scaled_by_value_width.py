"""
exercise: 1.1
learner: careful
cause: The scores are divided by the square root of the value width d_v instead of the key width d_k; the scale belongs to the dot product q·k, so use query.shape[-1].
downstream: no
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    scale = math.sqrt(value.shape[-1])
    weights = torch.softmax(query @ key.transpose(-2, -1) / scale, dim=-1)
    return weights @ value, weights
