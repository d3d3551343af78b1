"""
exercise: 4.1
learner: careful
cause: The MLP's residual adds the block's input M̂ instead of the attention sub-layer's output h, so the attention result reaches the next stage only through the MLP; use LN2(h + MLP(h)) with h = LN1(M̂ + MHA(M̂)).
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    stream = torch.cat([memory, projected_input[:, None, :]], dim=1)
    all_weights = []
    for block in core.blocks:
        block_input = stream
        attended, weights = block.attention(stream)
        stream = block.attention_norm(stream + attended)
        stream = block.mlp_norm(block_input + core.mlp(stream))
        all_weights.append(weights)
    return stream[:, :N], torch.stack(all_weights, dim=1)
