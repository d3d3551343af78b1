"""
exercise: 4.1
learner: weak
cause: block = core.blocks[0] is copied from the lesson and then used in every pass of the loop, so the first block runs num_blocks times and the other blocks are never used (nor trained); take each pass's own block, for block in core.blocks.
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    block = core.blocks[0]
    all_weights = []
    for _ in range(core.num_blocks):
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
