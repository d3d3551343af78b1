"""
exercise: 1.3
learner: weak
cause: The heads are summed over axis 1, which gives [B, N, d_v] and mixes the heads' features together; the heads go side by side, attended.transpose(1, 2).reshape(B, N, H * d_v).
downstream: no
"""


def merge_heads(attended):
    return attended.sum(dim=1)
