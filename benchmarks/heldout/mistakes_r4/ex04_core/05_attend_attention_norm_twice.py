"""
exercise: 4.1
learner: weak
cause: The MLP's residual is normalised with block.attention_norm again (a copy-paste slip), so block.mlp_norm is never used and never learns; use block.mlp_norm around the MLP.
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)

        rows = block.attention_norm(rows + attended)
        rows = block.attention_norm(rows + core.mlp(rows))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
