"""
exercise: 4.1
learner: weak
cause: weights is overwritten by every block, so only the last block's map is returned (as [B, 1, H, N+1, N+1]) whatever num_blocks is; collect each block's weights in a list and torch.stack them on axis 1.
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)  # [B, N+1, F]
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
    return rows[:, :-1], weights.unsqueeze(1)
