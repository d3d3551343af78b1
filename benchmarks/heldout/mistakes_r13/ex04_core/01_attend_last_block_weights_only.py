"""
exercise: 4.1
learner: weak
cause: The weights variable is overwritten in every pass of the loop, so only the last block's map is returned (unsqueezed to get the block axis) and the earlier blocks' maps are lost; collect each block's weights in a list and torch.stack(..., dim=1) them, giving num_blocks maps.
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
    return rows[:, :-1], weights.unsqueeze(1)
