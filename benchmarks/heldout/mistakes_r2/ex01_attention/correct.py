import math

import torch


def scaled_dot_product_attention(query, key, value):
    """Return (softmax(query keyᵀ / sqrt(d_k)) value, weights)."""
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)  # [..., Nq, Nk]
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights


def split_heads(attention, rows):
    """rows [B, N, F] -> q [B, H, N, d_k], k [B, H, N, d_k], v [B, H, N, d_v] (q not yet scaled)."""
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))  # [B, N, H*(2dk+dv)]
    per_head = qkv.view(B, N, H, 2 * d_k + d_v).transpose(1, 2)  # [B, H, N, 2dk+dv]
    q = per_head[..., :d_k]
    k = per_head[..., d_k : 2 * d_k]
    v = per_head[..., 2 * d_k :]
    return q, k, v


def merge_heads(attended):
    """attended [B, H, N, d_v] -> merged [B, N, H * d_v], the heads side by side in every row."""
    B, H, N, d_v = attended.shape
    return attended.transpose(1, 2).reshape(B, N, H * d_v)


def multi_head_attention(attention, rows):
    """rows [B, N, F] -> (attended rows [B, N, H * d_v], weights [B, H, N, N])."""
    q, k, v = split_heads(attention, rows)
    out, weights = scaled_dot_product_attention(q, k, v)
    return merge_heads(out), weights
