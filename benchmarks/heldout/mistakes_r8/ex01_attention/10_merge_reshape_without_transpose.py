"""
exercise: 1.3
learner: weak
cause: attended is reshaped straight to [B, N, H * d_v] without moving the head axis back, so each output row is cut from one head's consecutive rows instead of holding row n of every head; transpose(1, 2) first, then reshape.
downstream: no
"""


def merge_heads(attended):
    batch, heads, num_rows, d_v = attended.shape
    return attended.reshape(batch, num_rows, heads * d_v)
