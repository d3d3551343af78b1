"""
exercise: 1.4
learner: weak
cause: In 1.3 the transpose is undone with transpose(-2, -1), which swaps the rows with the features instead of the heads with the rows, so the reshape mixes rows, heads and units; swap the head and row axes, attended.transpose(1, 2), then reshape to [B, N, H * d_v].
downstream: yes (1.3 merge_heads is wrong)
wrong_function: merge_heads
"""


def merge_heads(attended):
    B, H, N, d_v = attended.shape
    return attended.transpose(-2, -1).reshape(B, N, H * d_v)
