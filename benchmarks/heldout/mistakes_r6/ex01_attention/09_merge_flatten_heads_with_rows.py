"""
exercise: 1.3
learner: weak
cause: flatten(1, 2) joins the head axis with the row axis, giving [B, H * N, d_v] (the heads stacked as extra rows); the heads must go next to each other in the features: attended.transpose(1, 2).flatten(2) -> [B, N, H * d_v].
downstream: no
"""


def merge_heads(attended):
    return attended.flatten(1, 2)
