"""
exercise: 4.1
learner: careful
cause: The LayerNorm is applied to the sublayer's output and the residual added afterwards (M̂ + LN(MHA(M̂))); a block normalises the sum, LN(M̂ + MHA(M̂)), and the same for the MLP.
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    rows = torch.cat([memory, projected_input[:, None, :]], dim=1)
    weights = []
    for block in core.blocks:
        attended, w = block.attention(rows)
        rows = rows + block.attention_norm(attended)
        rows = rows + block.mlp_norm(core.mlp(rows))
        weights.append(w)
    return rows[:, :N], torch.stack(weights, dim=1)
