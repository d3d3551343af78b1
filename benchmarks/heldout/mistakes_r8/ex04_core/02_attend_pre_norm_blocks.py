"""
exercise: 4.1
learner: careful
cause: The blocks are written pre-norm (LayerNorm on the sublayer's input, residual left unnormalised, as in later Transformers), but the RMC's blocks are post-norm: M̂ <- LN1(M̂ + MHA(M̂)), then M̂ <- LN2(M̂ + MLP(M̂)); normalise the sum after each residual.
downstream: no
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
