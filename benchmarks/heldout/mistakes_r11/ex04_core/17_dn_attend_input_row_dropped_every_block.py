"""
exercise: 4.2
learner: careful
cause: In 4.1 the input row is dropped at the end of every block instead of once after all blocks, so from the second block on the slots no longer see the input and each further block cuts off a memory slot (and the weights no longer stack); keep all N+1 rows through the loop and drop the input row once, after it.
downstream: yes (4.1 attend_over_memory)
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> (M̃ [B, N, F], weights [B, num_blocks, H, N+1, N+1])."""
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)  # [B, N+1, F]
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        all_weights.append(weights)
        rows = rows[:, :-1]  # the slots have read the input
    return rows, torch.stack(all_weights, dim=1)
