"""
exercise: 4.1
learner: weak
cause: The loop runs num_blocks times but always takes core.blocks[0] (copied from the lesson's one-block cell), so with several blocks the first block is applied again and again and the others are never used nor trained; use block = core.blocks[i] (or loop over core.blocks).
downstream: no
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
    return stream[:, : memory.shape[1]], torch.stack(weights_per_block, dim=1)
