"""
exercise: 4.1
learner: careful
cause: "Shared by all blocks" is read as "applied once after the blocks": the MLP and its LayerNorm run only after the last block, so with several blocks the earlier ones have no MLP step; every block does attention + LN1 and then MLP + LN2 with its own mlp_norm, all calling the same core.mlp.
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
        all_weights.append(weights)
    rows = block.mlp_norm(rows + core.mlp(rows))
    return rows[:, :num_slots], torch.stack(all_weights, dim=1)
