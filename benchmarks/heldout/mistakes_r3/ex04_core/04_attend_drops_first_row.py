"""
exercise: 4.1
learner: weak
cause: rows[:, 1:] drops the first memory slot and keeps the input row; the input is the last row, so keep rows[:, :N] (or rows[:, :-1]).
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input[:, None, :]], dim=1)
    weights = []
    for block in core.blocks:
        attended, w = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        weights.append(w)
    return rows[:, 1:], torch.stack(weights, dim=1)
