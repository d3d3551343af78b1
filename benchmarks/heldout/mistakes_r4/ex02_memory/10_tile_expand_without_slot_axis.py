"""
exercise: 2.4
learner: weak
cause: expand lines the [B, F] input up with the last two axes [N, F], so the batch is matched against the slots (an error, or wrong rows when B = N); add the slot axis first, projected_input[:, None, :].expand(-1, N, -1).
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    return torch.cat([memory, projected_input.expand(memory.shape)], dim=-1)
