"""
exercise: 1.3
learner: careful
cause: permute(0, 2, 3, 1) puts d_v before the head axis, so the merged row interleaves the heads feature by feature instead of [head 0 | head 1 | ...]; use transpose(1, 2) so the order is [B, N, H, d_v] before the reshape.
downstream: no
"""


def merge_heads(attended):
    B, H, N, d_v = attended.shape
    return attended.permute(0, 2, 3, 1).reshape(B, N, H * d_v)
