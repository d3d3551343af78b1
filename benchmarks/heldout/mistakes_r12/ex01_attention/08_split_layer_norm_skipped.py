"""
exercise: 1.2
learner: careful
cause: Only the projection is applied (as Q = W_q M in the paper's equation), but this layer, like Sonnet's, normalises the projected features with attention.qkv_layer_norm before cutting them into heads; apply it to the projection's output.
downstream: no
wrong_function: split_heads
"""


def split_heads(attention, rows):
    B, N, _ = rows.shape
    H, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_projection(rows)
    per_head = qkv.view(B, N, H, 2 * d_k + d_v).transpose(1, 2)
    q, k, v = per_head.split([d_k, d_k, d_v], dim=-1)
    return q, k, v
