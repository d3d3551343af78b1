"""
exercise: 1.2
learner: careful
cause: The projected features are cut into three blocks [all q | all k | all v] and then split per head, but the layout is per head ([q | k | v] of head 0, then head 1, ...); view as [B, N, H, 2d_k+d_v] first and slice q, k, v inside each head's chunk.
downstream: no
"""


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    q, k, v = qkv.split([H * d_k, H * d_k, H * d_v], dim=-1)
    q = q.view(B, N, H, d_k).transpose(1, 2)
    k = k.view(B, N, H, d_k).transpose(1, 2)
    v = v.view(B, N, H, d_v).transpose(1, 2)
    return q, k, v
