"""
exercise: 4.1
learner: careful
cause: The MLP's residual adds the block's input rows instead of the rows after the attention sublayer; use LN2(h + MLP(h)) with h = LN1(M̂ + MHA(M̂)).
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    rows = torch.cat([memory, projected_input[:, None, :]], dim=1)
    weights = []
    for block in core.blocks:
        attended, w = block.attention(rows)
        h = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(h))
        weights.append(w)
    return rows[:, :N], torch.stack(weights, dim=1)
