"""
exercise: 1.4
learner: careful
cause: In 1.2 the projection goes straight into the split, without the LayerNorm (as in the Transformer's attention), but the RMC's attention, like Sonnet's, normalises the projected features first; apply attention.qkv_layer_norm to the projection before cutting it into heads.
downstream: yes (1.2 split_heads)
wrong_function: split_heads
"""


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_projection(rows)
    per_head = qkv.view(B, N, H, 2 * d_k + d_v).transpose(1, 2)
    q, k, v = per_head.split([d_k, d_k, d_v], dim=-1)
    return q, k, v
