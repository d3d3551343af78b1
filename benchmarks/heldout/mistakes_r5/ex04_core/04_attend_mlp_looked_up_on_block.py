"""
exercise: 4.1
learner: weak
cause: The MLP is looked up on the block (block.mlp) like its LayerNorms, but a block has no MLP of its own: the one MLP is shared by all blocks and lives on the core; call core.mlp(rows).
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    num_slots = memory.shape[1]
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + block.mlp(rows))
        all_weights.append(weights)
    return rows[:, :num_slots], torch.stack(all_weights, dim=1)
