"""
exercise: 4.2
learner: careful
cause: In 4.1 the LayerNorms are put on the sublayer outputs inside the residuals, M̂ + LN1(MHA(M̂)) and M̂ + LN2(MLP(M̂)), so the rows are never normalised; the RMC normalises the sum: LN1(M̂ + MHA(M̂)), LN2(M̂ + MLP(M̂)).
downstream: yes (4.1 attend_over_memory)
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)  # [B, N+1, F]
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = rows + block.attention_norm(attended)
        rows = rows + block.mlp_norm(core.mlp(rows))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
