"""
exercise: 4.1
learner: weak
cause: the loop runs range(core.num_blocks - 1), one block too few (none at all for a one-block core).
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    stream = torch.cat([memory, projected_input[:, None, :]], dim=1)
    all_weights = []
    for b in range(core.num_blocks - 1):
        block = core.blocks[b]
        attended, weights = block.attention(stream)
        stream = block.attention_norm(stream + attended)
        stream = block.mlp_norm(stream + core.mlp(stream))
        all_weights.append(weights)
    return stream[:, :N], torch.stack(all_weights, dim=1)
