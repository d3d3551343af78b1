"""
exercise: 1.3
learner: weak
cause: The heads are reshaped straight to [B, N, H*d_v] without moving the head axis back first, so rows of different heads get mixed; transpose(1, 2) before the reshape.
downstream: no
"""


def merge_heads(attended):
    B, H, N, d_v = attended.shape
    return attended.reshape(B, N, H * d_v)
