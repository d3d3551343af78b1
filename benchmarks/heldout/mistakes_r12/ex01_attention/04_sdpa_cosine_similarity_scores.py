"""
exercise: 1.1
learner: careful
cause: The scores are cosine similarities (q and k normalised to length 1), which throws away the lengths of the queries and keys; the attention's score is the plain dot product q·k divided by sqrt(d_k), so drop the normalisation and scale by 1/sqrt(d_k).
downstream: no
wrong_function: scaled_dot_product_attention
"""

import torch
import torch.nn.functional as F


def scaled_dot_product_attention(query, key, value):
    q = F.normalize(query, dim=-1)
    k = F.normalize(key, dim=-1)
    scores = q @ k.transpose(-2, -1)
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
