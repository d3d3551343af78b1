"""
exercise: 4.1
learner: weak
cause: block = core.blocks[0] is taken once outside the loop, so the first block runs num_blocks times and the other blocks never run; take each block in turn, for block in core.blocks.
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    block = core.blocks[0]
    weights_per_block = []
    for _ in range(core.num_blocks):
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        weights_per_block.append(weights)
    return rows[:, :N], torch.stack(weights_per_block, dim=1)
