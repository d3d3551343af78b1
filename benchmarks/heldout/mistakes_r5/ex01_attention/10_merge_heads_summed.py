"""
exercise: 1.3
learner: careful
cause: The heads are summed into one d_v-wide row, but multi-head attention concatenates them (any mixing comes from a later linear layer), so each row must hold all H * d_v features; transpose(1, 2) and reshape to [B, N, H * d_v].
downstream: no
"""


def merge_heads(attended):
    return attended.sum(dim=1)
