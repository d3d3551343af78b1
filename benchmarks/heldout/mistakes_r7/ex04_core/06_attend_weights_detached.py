"""
exercise: 4.1
learner: careful
cause: The weights are detached before they are stacked, as if they were only captured for plotting, so nothing computed from them can send a gradient back into the attention; return them attached, torch.stack(all_weights, dim=1) (detach only where you plot).
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
        all_weights.append(weights.detach())
    return rows[:, :-1], torch.stack(all_weights, dim=1)
