"""
exercise: 1.4
learner: weak
cause: The heads are attended one by one in a loop and the variable weights is overwritten on every pass, so only the last head's map [B, N, N] is returned; return every head's weights [B, H, N, N] (call scaled_dot_product_attention once on the [B, H, N, d] tensors, or stack the weights on axis 1).
downstream: no
"""
# ruff: noqa: F821

import torch


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    outputs = []
    for h in range(q.shape[1]):
        out, weights = scaled_dot_product_attention(q[:, h], k[:, h], v[:, h])
        outputs.append(out)
    attended = torch.stack(outputs, dim=1)
    return merge_heads(attended), weights
