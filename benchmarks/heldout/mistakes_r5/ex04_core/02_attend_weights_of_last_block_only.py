"""
exercise: 4.1
learner: weak
cause: Only the weights of the last block survive the loop (weights is overwritten each pass) and get a block axis of size 1; collect every block's weights in a list and stack them on axis 1, [B, num_blocks, H, N+1, N+1].
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    num_slots = memory.shape[1]
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
    return rows[:, :num_slots], weights.unsqueeze(1)
