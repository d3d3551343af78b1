"""
exercise: 1.4
learner: weak
cause: torch's F.scaled_dot_product_attention returns only the output tensor, not (output, weights), so unpacking it splits the tensor along its batch axis; call your own scaled_dot_product_attention from 1.1, which returns the pair.
downstream: no
wrong_function: multi_head_attention
"""
# ruff: noqa: F821

import torch
import torch.nn.functional as F


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    attended, weights = F.scaled_dot_product_attention(q, k, v)
    return merge_heads(attended), weights
