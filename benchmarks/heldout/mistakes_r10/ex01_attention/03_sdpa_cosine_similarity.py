"""
exercise: 1.1
learner: careful
cause: The scores are cosine similarities (q and k normalised to length 1, as in an NTM's content addressing), not the scaled dot product of eq. 2; keep the raw vectors and divide q·k by sqrt(d_k).
downstream: no
wrong_function: scaled_dot_product_attention
"""

import torch
import torch.nn.functional as F


def scaled_dot_product_attention(query, key, value):
    query = F.normalize(query, dim=-1)
    key = F.normalize(key, dim=-1)
    scores = query @ key.transpose(-2, -1)
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
