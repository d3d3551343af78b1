"""
exercise: 1.4
learner: careful
cause: In 1.1 the weights go through dropout, as in the Transformer's attention, so some are zeroed at random and the rest scaled up, and the rows no longer sum to 1; the RMC's attention has no dropout: use the softmax weights as they are.
downstream: yes (1.1 scaled_dot_product_attention)
wrong_function: scaled_dot_product_attention
"""

import math

import torch
import torch.nn.functional as F


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    weights = F.dropout(torch.softmax(scores, dim=-1), p=0.1)
    return weights @ value, weights
