"""
exercise: 1.3
learner: careful
cause: permute(0, 2, 3, 1) puts the head axis last, so the merged row interleaves the heads feature by feature instead of [head 0 | head 1 | ...].
downstream: no
"""


def merge_heads(attended):
    B, H, N, d_v = attended.shape
    return attended.permute(0, 2, 3, 1).reshape(B, N, H * d_v)
