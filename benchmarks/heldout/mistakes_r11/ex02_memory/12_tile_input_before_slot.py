"""
exercise: 2.4
learner: careful
cause: The input is put before the slot in each row ([x̂ | m_i], as TensorFlow's LSTM joins [input, h]); the rows must be [memory slot | x̂], torch.cat([memory, tiled], dim=-1).
downstream: no
wrong_function: tile_input
"""

import torch


def tile_input(memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> [B, N, 2F]: every row is [memory slot | x̂]."""
    tiled = projected_input.unsqueeze(1).expand(-1, memory.size(1), -1)
    return torch.cat([tiled, memory], dim=-1)
