"""
exercise: 4.1
learner: weak
cause: The first LayerNorm is applied to the attention output alone, LN1(MHA(M̂)), so the rows themselves are lost after attention; the residual belongs inside: block.attention_norm(rows + attended).
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)  # [B, N+1, F]
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
