"""
exercise: 1.1
learner: careful
cause: The scores are moved to float64 for a more precise softmax and never moved back, so the output and the weights come back as float64 for float32 inputs; cast back to query.dtype (or stay in the input's dtype), the result must keep the dtype of its inputs.
downstream: no
wrong_function: scaled_dot_product_attention
"""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query.double() @ key.double().transpose(-2, -1) / math.sqrt(d_k)
    weights = torch.softmax(scores, dim=-1)
    out = weights @ value.double()
    return out, weights
