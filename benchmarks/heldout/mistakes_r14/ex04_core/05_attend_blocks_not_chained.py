"""
exercise: 4.1
learner: weak
cause: Every block starts again from the stream built before the loop and its result goes into after_mlp, which the next block never reads, so with several blocks only the last one counts; feed each block's output to the next (rows = ... inside the loop).
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    stream = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)  # [B, N+1, F]
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        after_attention = block.attention_norm(stream + attended)
        after_mlp = block.mlp_norm(after_attention + core.mlp(after_attention))
        all_weights.append(weights)
    return after_mlp[:, :-1], torch.stack(all_weights, dim=1)
