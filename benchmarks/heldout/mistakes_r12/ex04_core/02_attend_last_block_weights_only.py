"""
exercise: 4.1
learner: weak
cause: `weights` is reassigned in every pass of the loop, so only the last block's map survives and unsqueeze(1) fakes a block axis of size 1; collect each block's weights in a list and torch.stack(..., dim=1) them, giving [B, num_blocks, H, N+1, N+1].
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
