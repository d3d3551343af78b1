"""
exercise: 1.4
learner: weak
cause: In 1.3 attended [B, H, N, d_v] is reshaped straight to [B, N, H * d_v]: the shape is right but the numbers are read in head-major order, so a merged row holds pieces of several rows of one head; transpose(1, 2) first, then reshape.
downstream: yes (1.3 merge_heads)
wrong_function: merge_heads
"""


def merge_heads(attended):
    B, H, N, d_v = attended.shape
    return attended.reshape(B, N, H * d_v)
