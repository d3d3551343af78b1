"""
exercise: 4.1
learner: careful
cause: 'Shared by all blocks' is read as 'run once': the MLP and its residual + LayerNorm come once after the loop, with the last block's mlp_norm; sharing means the same weights, but every block runs attention -> LN1 -> MLP -> LN2 with its own mlp_norm.
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)  # [B, N+1, F]
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        all_weights.append(weights)
    rows = block.mlp_norm(rows + core.mlp(rows))  # the shared MLP
    return rows[:, :-1], torch.stack(all_weights, dim=1)
