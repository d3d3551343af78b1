"""
exercise: 4.1
learner: weak
cause: The blocks' weights are joined with torch.cat on axis 1, which merges blocks and heads into one axis [B, blocks*H, ...]; stack them on a new axis with torch.stack(..., dim=1).
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    stream = torch.cat([memory, projected_input[:, None, :]], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        stream = block.attention_norm(stream + attended)
        stream = block.mlp_norm(stream + core.mlp(stream))
        all_weights.append(weights)
    return stream[:, :N], torch.cat(all_weights, dim=1)
