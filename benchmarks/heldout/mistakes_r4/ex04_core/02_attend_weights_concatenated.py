"""
exercise: 4.1
learner: weak
cause: torch.cat on axis 1 merges the blocks into the head axis, [B, num_blocks·H, N+1, N+1]; torch.stack(..., dim=1) adds the new block axis.
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)

        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        all_weights.append(weights)
    return rows[:, :-1], torch.cat(all_weights, dim=1)
