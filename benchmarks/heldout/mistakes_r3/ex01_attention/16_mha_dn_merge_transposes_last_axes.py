"""
exercise: 1.4
learner: weak
cause: merge_heads transposes the last two axes (rows and units, transpose(2, 3)) instead of the head and row axes, so the reshape scrambles the rows; transpose(1, 2) before reshaping to [B, N, H*d_v].
downstream: yes (1.3 merge_heads is wrong)
wrong_function: merge_heads
"""


def merge_heads(attended):
    B, H, N, dv = attended.shape
    return attended.transpose(2, 3).reshape(B, N, H * dv)
