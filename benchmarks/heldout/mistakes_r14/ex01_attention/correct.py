"""Correct answers to exercise 1 (attention), written from lesson 1."""

import math

import torch


def scaled_dot_product_attention(query, key, value):
    d_k = query.shape[-1]
    scores = query @ key.transpose(-2, -1) / math.sqrt(d_k)  # [..., Nq, Nk]
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights


def split_heads(attention, rows):
    batch, num_rows, _ = rows.shape
    heads, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))  # [B, N, H*(2dk+dv)]
    per_head = qkv.view(batch, num_rows, heads, 2 * d_k + d_v).transpose(1, 2)  # [B, H, N, 2dk+dv]
    q, k, v = per_head.split([d_k, d_k, d_v], dim=-1)
    return q, k, v


def merge_heads(attended):
    batch, heads, num_rows, d_v = attended.shape
    return attended.transpose(1, 2).reshape(batch, num_rows, heads * d_v)


def multi_head_attention(attention, rows):
    q, k, v = split_heads(attention, rows)
    attended, weights = scaled_dot_product_attention(q, k, v)
    return merge_heads(attended), weights
