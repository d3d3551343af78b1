"""
exercise: 4.1
learner: careful
cause: Every block starts again from the original [M; x̂] instead of the previous block's output, so with several blocks only the last one counts; feed each block the rows the block before returned.
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    stacked = torch.cat([memory, projected_input[:, None, :]], dim=1)  # [B, N+1, F]
    weights = []
    for block in core.blocks:
        attended, w = block.attention(stacked)
        out = block.attention_norm(stacked + attended)
        out = block.mlp_norm(out + core.mlp(out))
        weights.append(w)
    return out[:, :N], torch.stack(weights, dim=1)
