"""
exercise: 4.1
learner: careful
cause: The blocks are written pre-norm (GPT-2 style: LayerNorm on the sublayer's input, residual added after, M̂ + MHA(LN(M̂))); the RMC's blocks are post-norm, LN1(M̂ + MHA(M̂)) then LN2(M̂ + MLP(M̂)): attend over the raw rows and normalise the sum.
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)  # [B, N+1, F]
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(block.attention_norm(rows))
        rows = rows + attended
        rows = rows + core.mlp(block.mlp_norm(rows))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
