"""
exercise: 4.2
learner: weak
cause: In 4.1 unsqueeze_ (with the underscore) reshapes the caller's projected input in place to [B, 1, F], so the step's later core.gates(projected_input, ...) gets a [B, 1, F] tensor and raises; use projected_input.unsqueeze(1), which returns a new view.
downstream: yes (4.1 attend_over_memory is wrong)
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze_(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
