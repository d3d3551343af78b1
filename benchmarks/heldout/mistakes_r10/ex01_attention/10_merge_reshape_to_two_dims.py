"""
exercise: 1.3
learner: weak
cause: reshape(-1, H·d_v) folds the batch into the rows and returns a 2-D [B·N, H·d_v] table; keep the batch axis, reshape(B, N, H·d_v).
downstream: no
wrong_function: merge_heads
"""


def merge_heads(attended):
    num_heads, d_v = attended.shape[1], attended.shape[3]
    return attended.transpose(1, 2).reshape(-1, num_heads * d_v)
