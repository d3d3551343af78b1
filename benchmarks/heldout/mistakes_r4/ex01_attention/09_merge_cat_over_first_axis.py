"""
exercise: 1.3
learner: weak
cause: Iterating over attended walks its first axis, the batch, not the heads, so batch elements are glued side by side ([H, N, B·d_v]); take the heads from axis 1 (attended.unbind(1)) or transpose(1, 2) and reshape.
downstream: no
"""

import torch


def merge_heads(attended):
    return torch.cat(tuple(attended), dim=-1)
