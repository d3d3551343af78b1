"""
exercise: 4.3
learner: weak
cause: In 4.1 block = core.blocks[0] (from the lesson's one-block example) is set once and the loop runs it num_blocks times, so every pass uses the first block's attention and LayerNorms; take a different block each pass, for block in core.blocks.
downstream: yes (4.1 attend_over_memory is wrong)
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    num_slots = memory.shape[1]
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    block = core.blocks[0]
    for _ in range(core.num_blocks):
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        all_weights.append(weights)
    return rows[:, :num_slots], torch.stack(all_weights, dim=1)
