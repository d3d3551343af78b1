"""
exercise: 4.2
learner: weak
cause: In 4.1 the input row is put first ([x̂; M]) but the last row is dropped, so M̃ keeps the input row and loses the last slot; append x̂ as the last row, torch.cat([memory, x̂[:, None]], dim=1), and drop it with rows[:, :-1].
downstream: yes (4.1 attend_over_memory is wrong)
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
    return rows[:, :-1], torch.stack(all_weights, dim=1)
