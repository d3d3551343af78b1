"""
exercise: 4.2
learner: weak
cause: In 4.1 x̂ is added to every memory slot instead of appended as an extra row, so attention runs over N rows with no input item and nothing is dropped; concatenate it as row N+1, torch.cat([memory, x̂.unsqueeze(1)], dim=1), and drop that row after the blocks.
downstream: yes (4.1 attend_over_memory)
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> (M̃ [B, N, F], weights [B, num_blocks, H, N+1, N+1])."""
    rows = memory + projected_input[:, None, :]  # [B, N, F]
    weights_list = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        weights_list.append(weights)
    return rows, torch.stack(weights_list, dim=1)
