"""
exercise: 4.1
learner: weak
cause: torch.stack puts the new block axis first, [num_blocks, B, H, N+1, N+1]; stack the weights on dim=1 to get [B, num_blocks, H, N+1, N+1].
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    rows = torch.cat([memory, projected_input[:, None, :]], dim=1)
    weights = []
    for block in core.blocks:
        attended, w = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        weights.append(w)
    return rows[:, :N], torch.stack(weights)
