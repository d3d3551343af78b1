"""
exercise: 4.1
learner: careful
cause: The blocks are written pre-norm, M̂ + MHA(LN(M̂)), but the core is post-norm, LN(M̂ + MHA(M̂)); apply each LayerNorm to the sum after the residual.
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
