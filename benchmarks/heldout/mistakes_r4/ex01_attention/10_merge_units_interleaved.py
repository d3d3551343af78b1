"""
exercise: 1.3
learner: careful
cause: permute(0, 2, 3, 1) puts the head axis last, so after the reshape the heads' units are interleaved (unit 0 of every head, then unit 1, ...); move only the head axis, transpose(1, 2), so each head's d_v features stay together.
downstream: no
"""


def merge_heads(attended):
    batch, heads, n_rows, d_v = attended.shape
    return attended.permute(0, 2, 3, 1).reshape(batch, n_rows, heads * d_v)
