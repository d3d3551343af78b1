"""
exercise: 4.1
learner: weak
cause: block = core.blocks[0] (the lesson's line) is taken inside the loop, so every pass runs the first block again and the other blocks' attention and LayerNorms are never used; take the i-th block, core.blocks[i] (or loop for block in core.blocks).
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    stream = torch.cat([memory, projected_input[:, None, :]], dim=1)
    weights_per_block = []
    for i in range(core.num_blocks):
        block = core.blocks[0]
        attended, weights = block.attention(stream)
        after_attention = block.attention_norm(stream + attended)
        stream = block.mlp_norm(after_attention + core.mlp(after_attention))
        weights_per_block.append(weights)
    return stream[:, :-1], torch.stack(weights_per_block, dim=1)
