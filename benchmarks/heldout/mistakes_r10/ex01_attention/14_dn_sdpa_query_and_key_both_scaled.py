"""
exercise: 1.4
learner: careful
cause: In 1.1 both q and k are divided by sqrt(d_k), so the scores are divided by d_k in total; scale only once (q alone, or the product q·kᵀ) by 1/sqrt(d_k).
downstream: yes (1.1 scaled_dot_product_attention)
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    scale = 1.0 / math.sqrt(query.shape[-1])
    scores = (query * scale) @ (key * scale).transpose(-2, -1)
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
