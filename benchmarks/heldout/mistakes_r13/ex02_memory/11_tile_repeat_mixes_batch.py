"""
exercise: 2.4
learner: weak
cause: repeat(N, 1) stacks N copies of the whole batch (x̂_0, x̂_1, x̂_0, ...), and reshaping that to [B, N, F] hands slots the inputs of other batch elements; repeat along a new slot axis, x̂[:, None, :].repeat(1, N, 1) (or expand).
downstream: no
wrong_function: tile_input
"""

import torch


def tile_input(memory, projected_input):
    n_slots = memory.shape[1]
    tiled = projected_input.repeat(n_slots, 1).reshape(memory.shape)
    return torch.cat([memory, tiled], dim=-1)
