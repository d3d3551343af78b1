"""
exercise: 1.3
learner: weak
cause: attended is reshaped straight to [B, N, H * d_v] without moving the head axis back, so each new row is filled from one head's consecutive rows, not from every head's copy of the same row; transpose(1, 2) first, then reshape.
downstream: no
"""


def merge_heads(attended):
    batch, num_heads, num_rows, d_v = attended.shape
    return attended.reshape(batch, num_rows, num_heads * d_v)
