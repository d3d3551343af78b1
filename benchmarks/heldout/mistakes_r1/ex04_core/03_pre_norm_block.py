"""
exercise: 4.1
learner: careful
cause: the block is written pre-norm, M̂ + MHA(LN1(M̂)), as in many newer transformers, while the RMC normalises after the residual, LN1(M̂ + MHA(M̂)).
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    stream = torch.cat([memory, projected_input[:, None, :]], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(block.attention_norm(stream))
        stream = stream + attended
        stream = stream + core.mlp(block.mlp_norm(stream))
        all_weights.append(weights)
    return stream[:, :N], torch.stack(all_weights, dim=1)
