"""
exercise: 1.3
learner: weak
cause: reshaping [B, H, N, d_v] to [B, N, H*d_v] without first moving the head axis back (transpose(1, 2)) mixes different rows into one row.
downstream: no
"""


def merge_heads(attended):
    B, H, N, d_v = attended.shape
    return attended.reshape(B, N, H * d_v)
