"""
exercise: 4.1
learner: weak
cause: rows[:-1] slices the first axis, the batch, so the last example is dropped and the input row stays; the input row is on axis 1, so drop it with rows[:, :-1].
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> (M̃ [B, N, F], weights [B, num_blocks, H, N+1, N+1])."""
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)  # [B, N+1, F]
    weights_list = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        weights_list.append(weights)
    attended_memory = rows[:-1]
    return attended_memory, torch.stack(weights_list, dim=1)
