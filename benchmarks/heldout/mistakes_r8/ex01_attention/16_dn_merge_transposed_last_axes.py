"""
exercise: 1.4
learner: weak
cause: In 1.3 the transpose swaps the last two axes (rows and units, transpose(2, 3)) instead of heads and rows, so the reshape to [B, N, H * d_v] scrambles slots and units; transpose(1, 2) before the reshape.
downstream: yes (1.3 merge_heads is wrong)
wrong_function: merge_heads
"""


def merge_heads(attended):
    batch, heads, num_rows, d_v = attended.shape
    return attended.transpose(2, 3).reshape(batch, num_rows, heads * d_v)
