"""
exercise: 4.1
learner: careful
cause: The input row is put first and the first row dropped; M̃ comes out the same (attention has no positions), but the weights then have the input as query/key 0 instead of the last one, which is where the exercise and the lesson's plots expect it; append x̂ as the last row and drop rows[:, :-1].
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([projected_input.unsqueeze(1), memory], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        all_weights.append(weights)
    return rows[:, 1:], torch.stack(all_weights, dim=1)
