"""
exercise: 4.1
learner: careful
cause: The input row is cut from the weights as well, giving [.., N, N]; only the memory drops the input row, the weights keep all N+1 queries and keys, [B, num_blocks, H, N+1, N+1].
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)

        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)[..., :-1, :-1]
