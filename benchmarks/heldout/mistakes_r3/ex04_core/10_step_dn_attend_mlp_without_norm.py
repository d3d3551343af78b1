"""
exercise: 4.2
learner: careful
cause: attend_over_memory adds the MLP's residual but never applies the second LayerNorm, block.mlp_norm; normalise the sum, LN2(h + MLP(h)).
downstream: yes (4.1 attend_over_memory is wrong)
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    rows = torch.cat([memory, projected_input[:, None, :]], dim=1)
    weights = []
    for block in core.blocks:
        attended, w = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = rows + core.mlp(rows)
        weights.append(w)
    return rows[:, :N], torch.stack(weights, dim=1)
