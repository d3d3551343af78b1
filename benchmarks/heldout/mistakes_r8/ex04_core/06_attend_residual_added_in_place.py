"""
exercise: 4.1
learner: weak
cause: rows += attended overwrites the rows the attention layer just read (and saved for its backward pass), so backpropagation fails with an in-place modification error; write the residual out of place, block.attention_norm(rows + attended).
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows += attended
        rows = block.attention_norm(rows)
        rows = block.mlp_norm(rows + core.mlp(rows))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
