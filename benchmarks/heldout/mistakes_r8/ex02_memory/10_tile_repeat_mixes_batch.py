"""
exercise: 2.4
learner: weak
cause: repeat(N, 1) stacks N copies of the whole batch one after the other ([N*B, F]: x̂_0, x̂_1, x̂_0, ...), so the view to [B, N, F] gives slots the input of another batch element; repeat each row on its own, projected_input[:, None, :].expand(-1, N, -1).
downstream: no
"""

import torch


def tile_input(memory, projected_input):
    batch_size, mem_slots, mem_size = memory.shape
    tiled = projected_input.repeat(mem_slots, 1).view(batch_size, mem_slots, mem_size)
    return torch.cat([memory, tiled], dim=-1)
