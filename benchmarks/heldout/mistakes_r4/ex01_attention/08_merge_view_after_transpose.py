"""
exercise: 1.3
learner: weak
cause: view cannot flatten the transposed tensor (its memory is no longer contiguous), so this raises; use reshape (or .contiguous().view) after the transpose.
downstream: no
"""


def merge_heads(attended):
    batch, heads, n_rows, d_v = attended.shape
    return attended.transpose(1, 2).view(batch, n_rows, heads * d_v)
