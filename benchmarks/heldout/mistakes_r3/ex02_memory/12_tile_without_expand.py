"""
exercise: 2.4
learner: weak
cause: The [B, 1, F] input is concatenated along the features without being expanded over the N slots, and torch.cat does not broadcast; expand it to [B, N, F] first.
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    return torch.cat([memory, projected_input[:, None, :]], dim=-1)
