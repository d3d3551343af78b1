"""
exercise: 4.2
learner: careful
cause: attend_over_memory runs the blocks under torch.no_grad() (as the lessons' demos do), so the attention, LayerNorms and MLP never get gradients and cannot learn; run them with autograd on.
downstream: yes
wrong_function: 4.1 attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    with torch.no_grad():
        stream = torch.cat([memory, projected_input[:, None, :]], dim=1)
        all_weights = []
        for block in core.blocks:
            attended, weights = block.attention(stream)
            stream = block.attention_norm(stream + attended)
            stream = block.mlp_norm(stream + core.mlp(stream))
            all_weights.append(weights)
    return stream[:, :N], torch.stack(all_weights, dim=1)
