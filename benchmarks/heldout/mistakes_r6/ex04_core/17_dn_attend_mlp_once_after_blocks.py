"""
exercise: 4.2
learner: careful
cause: In 4.1 the shared MLP (with its residual and mlp_norm) runs once after all blocks instead of inside every block; shared means the same weights in each block, so every block does attention, LN1, then MLP, LN2.
downstream: yes (4.1 attend_over_memory is wrong)
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        all_weights.append(weights)
    rows = core.blocks[-1].mlp_norm(rows + core.mlp(rows))
    return rows[:, :-1], torch.stack(all_weights, dim=1)
