"""
exercise: 4.1
learner: careful
cause: The blocks are written pre-norm (x + MHA(LN(x)), as in GPT-2), but the RMC's blocks are post-norm: the LayerNorm goes around the residual sum, rows = attention_norm(rows + MHA(rows)), then rows = mlp_norm(rows + MLP(rows)).
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(block.attention_norm(rows))
        rows = rows + attended
        rows = rows + core.mlp(block.mlp_norm(rows))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
