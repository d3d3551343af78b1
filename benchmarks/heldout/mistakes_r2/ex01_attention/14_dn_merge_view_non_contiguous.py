"""
exercise: 1.4
learner: weak
cause: merge_heads calls .view after transpose(1, 2), and view cannot reshape the non-contiguous transposed tensor, so it raises; use .reshape (or .contiguous().view).
downstream: yes
wrong_function: 1.3 merge_heads
"""


def merge_heads(attended):
    B, H, N, d_v = attended.shape
    return attended.transpose(1, 2).view(B, N, H * d_v)
