"""
exercise: 4.1
learner: weak
cause: weights is overwritten by every block, so only the last block's map is returned (with a block axis of size 1); collect each block's weights in a list and torch.stack them on axis 1.
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
    return rows[:, :N], weights.unsqueeze(1)
