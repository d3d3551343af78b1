"""
exercise: 4.1
learner: careful
cause: Every block re-appends the raw projected input in place of the input row the previous block produced; append x̂ once before the first block and let the blocks pass all N+1 rows on.
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    n_slots = memory.shape[1]
    rows = memory
    all_weights = []
    for block in core.blocks:
        rows = torch.cat([rows[:, :n_slots], projected_input.unsqueeze(1)], dim=1)
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        all_weights.append(weights)
    return rows[:, :n_slots], torch.stack(all_weights, dim=1)
