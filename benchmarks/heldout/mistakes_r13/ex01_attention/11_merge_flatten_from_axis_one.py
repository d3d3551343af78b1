"""
exercise: 1.3
learner: weak
cause: flatten(1) flattens everything after the batch, rows included, into one [B, N * H * d_v] vector; only the last two axes (heads and d_v, after the transpose) are merged: flatten(2), or reshape(B, N, H * d_v).
downstream: no
wrong_function: merge_heads
"""


def merge_heads(attended):
    return attended.transpose(1, 2).flatten(1)
