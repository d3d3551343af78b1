"""
exercise: 4.1
learner: weak
cause: The mask that drops the input row is made with torch.ones, which is float, and a float tensor cannot index rows; make it a bool mask (torch.ones(..., dtype=torch.bool)) or simply keep rows[:, :N].
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
    keep = torch.ones(rows.shape[1])
    keep[-1] = 0
    return rows[:, keep], torch.stack(all_weights, dim=1)
