"""
exercise: 4.1
learner: careful
cause: Only the update is normalised and then added to the rows (M̂ + LN(MHA(M̂)), M̂ + LN(MLP(M̂))), so the residual stream itself is never normalised and grows block after block; normalise the sum, LN1(M̂ + MHA(M̂)) and LN2(M̂ + MLP(M̂)).
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = rows + block.attention_norm(attended)
        rows = rows + block.mlp_norm(core.mlp(rows))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
