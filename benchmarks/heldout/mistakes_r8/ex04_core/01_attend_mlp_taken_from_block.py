"""
exercise: 4.1
learner: weak
cause: The MLP is looked up on the block (block.mlp), but a block holds only its attention and its two LayerNorms; the MLP is built once and shared by all blocks, call core.mlp.
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + block.mlp(rows))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
