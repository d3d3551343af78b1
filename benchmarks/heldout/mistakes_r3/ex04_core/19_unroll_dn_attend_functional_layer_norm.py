"""
exercise: 4.3
learner: careful
cause: attend_over_memory normalises with torch.nn.functional.layer_norm instead of the block's own LayerNorms, so their learned scale and shift are never used nor trained; call block.attention_norm and block.mlp_norm.
downstream: yes (4.1 attend_over_memory is wrong)
wrong_function: attend_over_memory
"""

import torch
import torch.nn.functional as F


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    rows = torch.cat([memory, projected_input[:, None, :]], dim=1)
    width = rows.shape[-1:]
    weights = []
    for block in core.blocks:
        attended, w = block.attention(rows)
        rows = F.layer_norm(rows + attended, width)
        rows = F.layer_norm(rows + core.mlp(rows), width)
        weights.append(w)
    return rows[:, :N], torch.stack(weights, dim=1)
