"""
exercise: 1.3
learner: careful
cause: permute(0, 2, 3, 1) puts the head axis last, so the reshape interleaves the heads unit by unit instead of laying out [head 0 | head 1 | ...]; use transpose(1, 2) (head axis just before d_v) before the reshape.
downstream: no
"""


def merge_heads(attended):
    B, H, N, dv = attended.shape
    return attended.permute(0, 2, 3, 1).reshape(B, N, H * dv)
