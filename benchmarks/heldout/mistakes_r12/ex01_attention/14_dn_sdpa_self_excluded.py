"""
exercise: 1.4
learner: careful
cause: In 1.1 the diagonal of the scores is set to -inf so that a row never attends to itself (reading "slots read from each other" as "from the others"), but attention lets every query weigh every key, its own row included; remove the mask.
downstream: yes (1.1 scaled_dot_product_attention)
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    itself = torch.eye(scores.shape[-2], scores.shape[-1], dtype=torch.bool)
    scores = scores.masked_fill(itself, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
