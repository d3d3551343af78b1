"""
exercise: 1.3
learner: weak
cause: Summing over the head axis adds the heads' outputs together into one [B, N, d_v] row, but merging keeps each head's d_v features side by side, [B, N, H * d_v]; move the head axis next to d_v (transpose(1, 2)) and reshape instead of adding.
downstream: no
wrong_function: merge_heads
"""


def merge_heads(attended):
    merged = attended.sum(dim=1)
    return merged
