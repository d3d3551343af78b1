"""
exercise: 4.1
learner: weak
cause: rows[:-1] slices the first axis, the batch, so it drops the last example and keeps the input row; the input row is on axis 1, so drop it with rows[:, :-1].
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
    return rows[:-1], torch.stack(all_weights, dim=1)
