"""
exercise: 4.1
learner: weak
cause: The input row is concatenated on the feature axis (dim=2), where [B, N, F] and [B, 1, F] do not fit, so this raises; the extra row goes on the row axis, torch.cat([memory, projected_input.unsqueeze(1)], dim=1) -> [B, N+1, F].
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input[:, None, :]], dim=2)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
