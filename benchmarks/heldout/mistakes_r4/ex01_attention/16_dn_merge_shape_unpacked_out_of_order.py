"""
exercise: 1.4
learner: weak
cause: In 1.3 the shape is unpacked as (B, N, H, d_v) but attended is [B, H, N, d_v], so the reshape builds [B, H, N·d_v]; unpack batch, heads, rows, d_v in that order.
downstream: yes (1.3 merge_heads is wrong)
wrong_function: merge_heads
"""


def merge_heads(attended):
    batch, n_rows, heads, d_v = attended.shape
    return attended.transpose(1, 2).reshape(batch, n_rows, heads * d_v)
