"""
exercise: 4.1
learner: weak
cause: The input is concatenated on the last axis, which widens every slot to 2F instead of adding a row; append it as a new row on the slot axis, torch.cat([memory, x̂.unsqueeze(1)], dim=1) -> [B, N+1, F].
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    rows = torch.cat([memory, projected_input.unsqueeze(1).expand(-1, N, -1)], dim=-1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        all_weights.append(weights)
    return rows[:, :N], torch.stack(all_weights, dim=1)
