"""
exercise: 4.1
learner: weak
cause: The MLP's output replaces the rows instead of being added to them: mlp_norm(MLP(M̂)) drops the second residual; the block is LN2(M̂ + MLP(M̂)), so add the rows back before block.mlp_norm.
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)  # [B, N+1, F]
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(core.mlp(rows))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
