"""
exercise: 4.1
learner: weak
cause: torch.stack without dim puts the new block axis first, [num_blocks, B, H, N+1, N+1]; the blocks go on axis 1, after the batch: torch.stack(all_weights, dim=1).
downstream: no
wrong_function: attend_over_memory
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
    return rows[:, :-1], torch.stack(all_weights)
