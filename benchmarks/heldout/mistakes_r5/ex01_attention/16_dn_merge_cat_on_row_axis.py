"""
exercise: 1.4
learner: weak
cause: In 1.3 the heads are taken with unbind(1) and then concatenated on that same axis 1, which stacks them as extra rows, [B, H * N, d_v]; concatenate them along the features, torch.cat(attended.unbind(1), dim=-1).
downstream: yes (1.3 merge_heads is wrong)
wrong_function: merge_heads
"""

import torch


def merge_heads(attended):
    return torch.cat(attended.unbind(1), dim=1)
