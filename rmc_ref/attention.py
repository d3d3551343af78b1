"""Multi-head dot-product attention, as the Relational Memory Core uses it (lesson 1).

Paper equation (Santoro et al. 2018, eq. 2), per head h:

    A_h(M) = softmax(Q_h K_hᵀ / sqrt(d_k)) V_h

with Q, K, V computed from the *same* rows (self-attention over memory). Sonnet's module, which
we follow, projects every row with one Linear to ``H * (2 d_k + d_v)`` features, applies a
LayerNorm to that projection, and then splits it *per head* into ``[q | k | v]`` chunks.
"""

from __future__ import annotations

import torch
from torch import nn

from .shapes import check_dtype_device, check_positive_int, check_shape
from .sonnet_init import sonnet_linear_init


def scaled_dot_product_attention(
    query: torch.Tensor, key: torch.Tensor, value: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor]:
    """Return ``(softmax(q kᵀ / sqrt(d_k)) v, weights)``: a *pair*, unlike PyTorch's function.

    ``torch.nn.functional.scaled_dot_product_attention`` has the same name but returns only the
    output tensor (it never materialises the weights); this one also returns the weights, because
    the course plots them. ``out, weights = scaled_dot_product_attention(q, k, v)`` here, and
    ``out = F.scaled_dot_product_attention(q, k, v)`` there, give the same ``out``.

    query [..., Nq, d_k], key [..., Nk, d_k], value [..., Nk, d_v] -> out [..., Nq, d_v] and
    weights [..., Nq, Nk] whose rows (over the key axis) sum to 1.
    """
    if query.dim() < 2 or key.dim() != query.dim() or value.dim() != query.dim():
        raise ValueError(
            "query, key and value must have the same number of dims (>= 2), got shapes "
            f"{list(query.shape)}, {list(key.shape)}, {list(value.shape)}"
        )
    d_k = query.shape[-1]
    check_shape(
        "key",
        key,
        (*query.shape[:-2], "Nk", d_k),
        hint="keys need the same leading dims and feature size d_k as the queries",
    )
    check_shape("value", value, (*query.shape[:-2], key.shape[-2], "d_v"), hint="values need one row per key")
    scores = (query * d_k**-0.5) @ key.transpose(-1, -2)  # [..., Nq, Nk]
    weights = torch.softmax(scores, dim=-1)  # [..., Nq, Nk], rows sum to 1 over keys
    return weights @ value, weights  # [..., Nq, d_v], [..., Nq, Nk]


class MultiHeadAttention(nn.Module):
    """Self-attention of a set of rows, Sonnet-style.

    forward(rows [B, N, in_features]) -> (attended [B, N, H*d_v], weights [B, H, N, N]).

    ``in_features`` defaults to the memory width H*d_v; the seed's ``tile`` mode feeds wider rows
    (memory slot concatenated with the projected input), so it may differ.
    """

    def __init__(self, num_heads: int, key_size: int, head_size: int, in_features: int | None = None):
        super().__init__()
        self.num_heads = check_positive_int("num_heads", num_heads)
        self.key_size = check_positive_int("key_size", key_size)
        self.head_size = check_positive_int("head_size", head_size)
        self.in_features = in_features if in_features is not None else num_heads * head_size
        check_positive_int("in_features", self.in_features)
        qkv_size = num_heads * (2 * key_size + head_size)
        self.qkv_projection = nn.Linear(self.in_features, qkv_size)
        self.qkv_layer_norm = nn.LayerNorm(qkv_size)
        sonnet_linear_init(self.qkv_projection)

    def split_heads(self, rows: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """rows [B, N, in_features] -> q, k [B, H, N, d_k] and v [B, H, N, d_v] (q not yet scaled)."""
        check_shape(
            "rows",
            rows,
            ("B", "N", self.in_features),
            hint=f"attention expects [batch, rows, {self.in_features} features]",
        )
        check_dtype_device("rows", rows, self.qkv_projection.weight)
        batch, n_rows, _ = rows.shape
        qkv = self.qkv_layer_norm(self.qkv_projection(rows))  # [B, N, H*(2dk+dv)]
        qkv = qkv.view(batch, n_rows, self.num_heads, -1).transpose(1, 2)  # [B, H, N, 2dk+dv]
        q, k, v = qkv.split([self.key_size, self.key_size, self.head_size], dim=-1)
        return q, k, v  # [B, H, N, dk], [B, H, N, dk], [B, H, N, dv]

    def forward(self, rows: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        q, k, v = self.split_heads(rows)
        attended, weights = scaled_dot_product_attention(q, k, v)  # [B, H, N, dv], [B, H, N, N]
        batch, _, n_rows, _ = attended.shape
        merged = attended.transpose(1, 2).reshape(batch, n_rows, self.num_heads * self.head_size)
        return merged, weights  # [B, N, H*dv], [B, H, N, N]
