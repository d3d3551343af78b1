"""
exercise: 4.1
learner: weak
cause: rows[..., :-1] cuts the last axis, the features, so every row loses its last unit and the input row is kept ([B, N+1, F-1]); drop the input row on the row axis, rows[:, :-1].
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
    return rows[..., :-1], torch.stack(all_weights, dim=1)
