"""
exercise: 4.2
learner: weak
cause: attend_over_memory normalises the attention output alone, LN1(MHA(M̂)), and loses the residual connection; add the rows back before the norm, LN1(M̂ + MHA(M̂)).
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
        rows = block.attention_norm(attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        weights.append(w)
    return rows[:, :N], torch.stack(weights, dim=1)
