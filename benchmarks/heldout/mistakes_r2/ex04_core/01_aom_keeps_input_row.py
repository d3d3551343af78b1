"""
exercise: 4.1
learner: weak
cause: The input row is never dropped after the blocks, so M̃ has N+1 rows; return only the first N rows, stream[:, :N].
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    stream = torch.cat([memory, projected_input[:, None, :]], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        stream = block.attention_norm(stream + attended)
        stream = block.mlp_norm(stream + core.mlp(stream))
        all_weights.append(weights)
    return stream, torch.stack(all_weights, dim=1)
