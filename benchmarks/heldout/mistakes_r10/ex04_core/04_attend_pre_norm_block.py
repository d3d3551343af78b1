"""
exercise: 4.1
learner: careful
cause: The block is written pre-norm (x + MHA(LN(x)), x + MLP(LN(x))), as in GPT-style transformers, but the RMC's block is post-norm: the LayerNorm comes after the residual sum, LN1(M̂ + MHA(M̂)) and LN2(M̂ + MLP(M̂)).
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(block.attention_norm(rows))
        rows = rows + attended
        rows = rows + core.mlp(block.mlp_norm(rows))
        all_weights.append(weights)
    return rows[:, :N], torch.stack(all_weights, dim=1)
