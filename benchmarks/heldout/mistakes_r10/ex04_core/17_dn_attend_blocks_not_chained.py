"""
exercise: 4.2
learner: weak
cause: In 4.1 every block reads the stream built before the loop (the lesson's one-block cell copied into a loop) and its result is kept in a new name, so the blocks are not chained and only the last block counts; feed each block's output to the next, rows = block's output.
downstream: yes (4.1 attend_over_memory)
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    stream = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        after_attention = block.attention_norm(stream + attended)
        after_mlp = block.mlp_norm(after_attention + core.mlp(after_attention))
        all_weights.append(weights)
    return after_mlp[:, :N], torch.stack(all_weights, dim=1)
