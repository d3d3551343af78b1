import math

import torch


def scaled_dot_product_attention(query, key, value):
    """Return (softmax(query keyᵀ / sqrt(d_k)) value, weights)."""
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights


def split_heads(attention, rows):
    """rows [B, N, F] -> q [B, H, N, d_k], k [B, H, N, d_k], v [B, H, N, d_v] (q not yet scaled)."""
    batch, num_rows = rows.shape[0], rows.shape[1]
    heads, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    per_head = qkv.view(batch, num_rows, heads, 2 * d_k + d_v).transpose(1, 2)
    q, k, v = torch.split(per_head, [d_k, d_k, d_v], dim=-1)
    return q, k, v


def merge_heads(attended):
    """attended [B, H, N, d_v] -> merged [B, N, H * d_v], the heads side by side in every row."""
    batch, heads, num_rows, d_v = attended.shape
    return attended.transpose(1, 2).reshape(batch, num_rows, heads * d_v)


def multi_head_attention(attention, rows):
    """rows [B, N, F] -> (attended rows [B, N, H * d_v], weights [B, H, N, N])."""
    q, k, v = split_heads(attention, rows)
    attended, weights = scaled_dot_product_attention(q, k, v)
    return merge_heads(attended), weights
