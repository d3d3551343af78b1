"""
exercise: 4.1
learner: weak
cause: The loop runs core.num_blocks times but always uses core.blocks[0] (the lesson's `block = core.blocks[0]` kept outside the loop), so with several blocks the first block runs again and again and the others are never used; take each block in turn, `for block in core.blocks:`.
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    stream = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)  # [B, N+1, F]
    block = core.blocks[0]
    weights_per_block = []
    for _ in range(core.num_blocks):
        attended, weights = block.attention(stream)
        stream = block.attention_norm(stream + attended)
        stream = block.mlp_norm(stream + core.mlp(stream))
        weights_per_block.append(weights)
    return stream[:, :-1], torch.stack(weights_per_block, dim=1)
