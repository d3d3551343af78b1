"""
exercise: 4.2
learner: careful
cause: In 4.1 the LayerNorms are applied to the sublayer outputs before the residuals, M̂ + LN1(MHA(M̂)) and M̂ + LN2(MLP(M̂)), so the residual stream itself is never normalised; the LayerNorm goes around the sum, LN1(M̂ + MHA(M̂)) and LN2(M̂ + MLP(M̂)).
downstream: yes (4.1 attend_over_memory is wrong)
wrong_function: attend_over_memory
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
