"""
exercise: 4.1
learner: careful
cause: The input row is put first, [x̂; M], like a classifier token, and dropped with rows[:, 1:]: M̃ comes out right, but in the weights the input is now query/key 0 instead of the last one (N); append x̂ as the last row, cat([memory, x̂[:, None]], dim=1), and drop it with rows[:, :-1].
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([projected_input.unsqueeze(1), memory], dim=1)  # [B, 1+N, F]
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        all_weights.append(weights)
    return rows[:, 1:], torch.stack(all_weights, dim=1)
