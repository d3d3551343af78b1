"""
exercise: 1.3
learner: weak
cause: attended is reshaped straight to [B, N, H * d_v] without moving the head axis back, so each output row is filled with consecutive rows of one head (all of head 0 first, then head 1) instead of holding row n of every head; transpose(1, 2) first, then reshape.
downstream: no
"""


def merge_heads(attended):
    B, H, N, d_v = attended.shape
    return attended.reshape(B, N, H * d_v)
