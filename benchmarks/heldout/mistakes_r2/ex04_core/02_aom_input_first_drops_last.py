"""
exercise: 4.1
learner: careful
cause: The input is put in front of the memory (first row) but the last row is dropped afterwards, so M̃ holds the input row and loses the last slot; append the input as the last row, [M; x̂], and keep stream[:, :N].
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    stream = torch.cat([projected_input.unsqueeze(1), memory], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        stream = block.attention_norm(stream + attended)
        stream = block.mlp_norm(stream + core.mlp(stream))
        all_weights.append(weights)
    return stream[:, :N], torch.stack(all_weights, dim=1)
