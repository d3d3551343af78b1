"""
exercise: 4.1
learner: weak
cause: the MLP has no residual connection: LN2(MLP(M̂)) instead of LN2(M̂ + MLP(M̂)).
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
        stream = block.mlp_norm(core.mlp(stream))
        all_weights.append(weights)
    return stream[:, :N], torch.stack(all_weights, dim=1)
