"""
exercise: 4.1
learner: careful
cause: "Shared" is read as "applied once": the blocks run only their attention sublayer and the MLP sublayer comes once after the loop; the MLP is one module reused by every block, so each block does both sublayers, LN2(h + MLP(h)) inside the loop with its own block.mlp_norm.
downstream: no
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
    rows = block.mlp_norm(rows + core.mlp(rows))
    return rows[:, :-1], torch.stack(all_weights, dim=1)
