"""
exercise: 4.1
learner: weak
cause: rows[:, 1:] drops the first memory slot and keeps the input row; the input was appended last, so keep the first N rows, rows[:, :-1].
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
    return rows[:, 1:], torch.stack(all_weights, dim=1)
