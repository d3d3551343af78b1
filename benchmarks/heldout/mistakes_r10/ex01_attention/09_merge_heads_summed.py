"""
exercise: 1.3
learner: weak
cause: The heads are summed into one, which gives [B, N, d_v] and mixes their outputs; the heads are put side by side, [B, N, H·d_v] (transpose(1, 2) and reshape).
downstream: no
wrong_function: merge_heads
"""


def merge_heads(attended):
    return attended.sum(dim=1)
