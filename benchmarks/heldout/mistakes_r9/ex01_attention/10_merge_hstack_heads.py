"""
exercise: 1.3
learner: weak
cause: torch.hstack joins tensors along axis 1, which for the heads' [B, N, d_v] outputs is the row axis, giving [B, H·N, d_v]: the heads end up below each other, not side by side; concatenate on the last axis, torch.cat(attended.unbind(1), dim=-1), or transpose(1, 2) and reshape to [B, N, H·d_v].
downstream: no
wrong_function: merge_heads
"""

import torch


def merge_heads(attended):
    heads = attended.unbind(1)  # H tensors [B, N, d_v]
    return torch.hstack(heads)
