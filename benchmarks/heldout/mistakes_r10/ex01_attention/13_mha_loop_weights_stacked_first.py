"""
exercise: 1.4
learner: weak
cause: The per-head weights are stacked with torch.stack's default dim=0, giving [H, B, N, N]; stack them on axis 1 (or call scaled_dot_product_attention once on the [B, H, ...] tensors) to get [B, H, N, N].
downstream: no
wrong_function: multi_head_attention
"""

# ruff: noqa: F821

import torch


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    outputs = []
    all_weights = []
    for h in range(attention.num_heads):
        out_h, weights_h = scaled_dot_product_attention(q[:, h], k[:, h], v[:, h])
        outputs.append(out_h)
        all_weights.append(weights_h)
    return torch.cat(outputs, dim=-1), torch.stack(all_weights)
