"""
exercise: 4.1
learner: weak
cause: x̂ is [B, F] and the memory [B, N, F]; torch.cat needs both 3-D, so this raises; give x̂ a slot axis first, projected_input.unsqueeze(1) -> [B, 1, F], then cat on dim 1.
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> (M̃ [B, N, F], weights [B, num_blocks, H, N+1, N+1])."""
    rows = torch.cat([memory, projected_input], dim=1)
    weights_list = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        weights_list.append(weights)
    return rows[:, :-1], torch.stack(weights_list, dim=1)
