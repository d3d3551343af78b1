"""
exercise: 1.3
learner: weak
cause: attended is reshaped to [B, N, H·d_v] with the head axis still before the rows, so each new row is made of consecutive rows of one head, not of every head's output for that slot; transpose(1, 2) first, then reshape.
downstream: no
wrong_function: merge_heads
"""


def merge_heads(attended):
    B, H, N, d_v = attended.shape
    return attended.reshape(B, N, H * d_v)
