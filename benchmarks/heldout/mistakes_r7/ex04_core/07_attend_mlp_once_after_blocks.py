"""
exercise: 4.1
learner: careful
cause: "Shared by all blocks" is read as "run once, after all the blocks", so with several blocks the attention layers follow each other with no MLP in between; the shared MLP (with its residual and the block's mlp_norm) runs inside every block, right after that block's attention.
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        all_weights.append(weights)
    rows = core.blocks[-1].mlp_norm(rows + core.mlp(rows))
    return rows[:, :-1], torch.stack(all_weights, dim=1)
