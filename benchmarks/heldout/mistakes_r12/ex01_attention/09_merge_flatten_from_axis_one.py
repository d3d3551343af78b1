"""
exercise: 1.3
learner: weak
cause: flatten(1) flattens everything after the batch axis, the rows too, giving [B, N * H * d_v] instead of one row per slot; flatten only the last two axes (flatten(2), or reshape(B, N, H * d_v)) after the transpose.
downstream: no
wrong_function: merge_heads
"""


def merge_heads(attended):
    return attended.transpose(1, 2).flatten(1)
