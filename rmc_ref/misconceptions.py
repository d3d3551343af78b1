"""The misconception bank: one entry per mistake a learner really makes in the exercises.

Each entry is data: the exercise it belongs to, a short name, the teaching message and the wrong
function *as a learner would write it* (source text, compiled by ``rmc_ref.checks`` with ``torch``,
``F`` (torch.nn.functional), ``nn`` and ``math`` in scope). When a check finds a learner's result
wrong, it runs the entries of that exercise on the same inputs; if one gives the learner's result,
the feedback names it. ``tests/test_misconceptions.py`` feeds every entry to its exercise's check
and asserts that it fails with its own name.

Only ``rmc_ref.checks`` imports this module.
"""

from __future__ import annotations

from rmc_ref.checks import Misconception

MISCONCEPTIONS: list[Misconception] = [
    # ---------------------------------------------------------------- 1.1 scaled dot-product
    Misconception(
        "softmax-query-axis", "1.1", "softmax over the query axis",
        "your weights sum to 1 over the queries: take the softmax over the key axis, dim=-1, so "
        "that each query's weights over the keys sum to 1.",
        """
def scaled_dot_product_attention(query, key, value):
    scores = query @ key.transpose(-1, -2) / math.sqrt(query.shape[-1])
    weights = torch.softmax(scores, dim=-2)
    return weights @ value, weights
"""),
    Misconception(
        "no-sqrt-dk", "1.1", "no 1/sqrt(d_k) scaling",
        "the scores must be divided by sqrt(d_k), the square root of the key width "
        "(query.shape[-1]); without it large dot products saturate the softmax.",
        """
def scaled_dot_product_attention(query, key, value):
    weights = torch.softmax(query @ key.transpose(-1, -2), dim=-1)
    return weights @ value, weights
"""),
    Misconception(
        "divide-by-dk", "1.1", "divided by d_k instead of sqrt(d_k)",
        "scale the scores by 1/sqrt(d_k), not 1/d_k.",
        """
def scaled_dot_product_attention(query, key, value):
    weights = torch.softmax(query @ key.transpose(-1, -2) / query.shape[-1], dim=-1)
    return weights @ value, weights
"""),
    Misconception(
        "sqrt-dv", "1.1", "scaled by the value width",
        "the scale is 1/sqrt(d_k) with d_k the width of the queries and keys, not of the values.",
        """
def scaled_dot_product_attention(query, key, value):
    scores = query @ key.transpose(-1, -2) / math.sqrt(value.shape[-1])
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
"""),
    Misconception(
        "scores-returned", "1.1", "scores returned instead of weights",
        "return the weights *after* the softmax (they are what multiplies the values).",
        """
def scaled_dot_product_attention(query, key, value):
    scores = query @ key.transpose(-1, -2) / math.sqrt(query.shape[-1])
    return torch.softmax(scores, dim=-1) @ value, scores
"""),
    # ---------------------------------------------------------------- 1.2 split heads
    Misconception(
        "split-qkv-before-heads", "1.2", "heads split in the wrong order",
        "the projection is laid out per head, [q | k | v] for head 0, then for head 1, ...: "
        "first view it as [B, N, H, 2*d_k + d_v] and move the head axis forward, then split each "
        "head's features into q, k and v.",
        """
def split_heads(attention, rows):
    batch, n_rows, _ = rows.shape
    H, dk, dv = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    q, k, v = qkv.split([H * dk, H * dk, H * dv], dim=-1)
    q = q.view(batch, n_rows, H, dk).transpose(1, 2)
    k = k.view(batch, n_rows, H, dk).transpose(1, 2)
    v = v.view(batch, n_rows, H, dv).transpose(1, 2)
    return q, k, v
"""),
    Misconception(
        "split-heads-no-transpose", "1.2", "heads split by reshaping without moving the head axis",
        "view the projection as [B, N, H, features] and then transpose(1, 2) to [B, H, N, "
        "features]; reshaping straight to [B, H, N, ...] mixes rows and heads.",
        """
def split_heads(attention, rows):
    batch, n_rows, _ = rows.shape
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    qkv = qkv.reshape(batch, attention.num_heads, n_rows, -1)
    return qkv.split([attention.key_size, attention.key_size, attention.head_size], dim=-1)
"""),
    Misconception(
        "no-qkv-layernorm", "1.2", "LayerNorm on the projection missing",
        "as in Sonnet, the q|k|v projection goes through attention.qkv_layer_norm before it is "
        "split.",
        """
def split_heads(attention, rows):
    batch, n_rows, _ = rows.shape
    qkv = attention.qkv_projection(rows)
    qkv = qkv.view(batch, n_rows, attention.num_heads, -1).transpose(1, 2)
    return qkv.split([attention.key_size, attention.key_size, attention.head_size], dim=-1)
"""),
    # ---------------------------------------------------------------- 1.3 merge heads
    Misconception(
        "merge-no-transpose", "1.3", "heads merged in the wrong order",
        "move the head axis next to the features first, attended.transpose(1, 2) -> [B, N, H, d_v], "
        "then reshape to [B, N, H*d_v]; reshaping [B, H, N, d_v] directly mixes rows of "
        "different heads.",
        """
def merge_heads(attended):
    batch, heads, n_rows, head_size = attended.shape
    return attended.reshape(batch, n_rows, heads * head_size)
"""),
    Misconception(
        "merge-features-major", "1.3", "heads interleaved feature by feature",
        "each head's d_v features stay together: [head 0's d_v | head 1's d_v | ...], so the "
        "order before the reshape is [B, N, H, d_v], not [B, N, d_v, H].",
        """
def merge_heads(attended):
    batch, heads, n_rows, head_size = attended.shape
    return attended.permute(0, 2, 3, 1).reshape(batch, n_rows, heads * head_size)
"""),
    # ---------------------------------------------------------------- 1.4 multi-head forward
    Misconception(
        "mha-merge-no-transpose", "1.4", "heads merged in the wrong order",
        "merge the heads with your merge_heads (transpose(1, 2) before the reshape), not by "
        "reshaping [B, H, N, d_v] directly.",
        """
def multi_head_attention(attention, rows):
    batch, n_rows, _ = rows.shape
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    qkv = qkv.view(batch, n_rows, attention.num_heads, -1).transpose(1, 2)
    q, k, v = qkv.split([attention.key_size, attention.key_size, attention.head_size], dim=-1)
    weights = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(attention.key_size), dim=-1)
    attended = weights @ v
    return attended.reshape(batch, n_rows, -1), weights
"""),
    Misconception(
        "mha-weights-averaged", "1.4", "weights averaged over the heads",
        "return the weights of every head, [B, H, N, N]; each head attends in its own way.",
        """
def multi_head_attention(attention, rows):
    batch, n_rows, _ = rows.shape
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    qkv = qkv.view(batch, n_rows, attention.num_heads, -1).transpose(1, 2)
    q, k, v = qkv.split([attention.key_size, attention.key_size, attention.head_size], dim=-1)
    weights = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(attention.key_size), dim=-1)
    attended = (weights @ v).transpose(1, 2).reshape(batch, n_rows, -1)
    return attended, weights.mean(dim=1)
"""),
]
