"""
exercise: 4.1
learner: careful
cause: the MLP's residual adds the block's input M̂ instead of the output of the attention sub-layer, LN2(M̂ + MLP(LN1(M̂ + A))).
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    stream = torch.cat([memory, projected_input[:, None, :]], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        after_attention = block.attention_norm(stream + attended)
        stream = block.mlp_norm(stream + core.mlp(after_attention))
        all_weights.append(weights)
    return stream[:, :N], torch.stack(all_weights, dim=1)
