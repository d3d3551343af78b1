"""
exercise: 1.3
learner: careful
cause: The heads are added together, giving [B, N, d_v], as if merging meant combining their outputs; merging concatenates them, each head's d_v features side by side: attended.transpose(1, 2).reshape(B, N, H * d_v).
downstream: no
"""


def merge_heads(attended):
    return attended.sum(dim=1)
