"""
exercise: 4.3
learner: weak
cause: In 4.1 the loop runs num_blocks times but always with core.blocks[0] (the lesson's block = core.blocks[0]), so the other blocks' attention and LayerNorms are never used; iterate over the blocks themselves, for block in core.blocks.
downstream: yes (4.1 attend_over_memory)
wrong_function: attend_over_memory
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
