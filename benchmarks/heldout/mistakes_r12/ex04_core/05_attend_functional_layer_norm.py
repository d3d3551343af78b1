"""
exercise: 4.1
learner: weak
cause: F.layer_norm normalises without the block's learned scale and shift, so block.attention_norm and block.mlp_norm are never used and get no gradient (it only matches while they are still at their initial values); call the block's own LayerNorms, block.attention_norm(...) and block.mlp_norm(...).
downstream: no
wrong_function: attend_over_memory
"""

import torch
import torch.nn.functional as F


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    width = rows.shape[-1]
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = F.layer_norm(rows + attended, (width,))
        rows = F.layer_norm(rows + core.mlp(rows), (width,))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
