"""
exercise: 2.4
learner: careful
cause: Each row is built as [x̂ | memory slot], the input-first order of the LSTM's [x_t, h_{t-1}], but the seed's row is [memory slot | x̂]: the slot's F units first; concatenate memory first, then the tiled x̂.
downstream: no
wrong_function: tile_input
"""

import torch


def tile_input(memory, projected_input):
    tiled = projected_input[:, None, :].expand(-1, memory.shape[1], -1)
    return torch.cat([tiled, memory], dim=-1)
