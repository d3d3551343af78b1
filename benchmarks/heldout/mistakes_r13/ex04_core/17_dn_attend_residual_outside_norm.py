"""
exercise: 4.2
learner: weak
cause: In 4.1 the LayerNorm is put on the attention output and the MLP output alone and the residual added after it (M̂ + LN(MHA(M̂))); the norm goes around the sum: LN1(M̂ + MHA(M̂)) and LN2(M̂ + MLP(M̂)).
downstream: yes (4.1 attend_over_memory)
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
