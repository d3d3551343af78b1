"""
exercise: 4.3
learner: careful
cause: In 4.1 the blocks are written pre-norm, as in GPT-style Transformers (M̂ + MHA(LN1(M̂)), then M̂ + MLP(LN2(M̂))); the RMC's blocks are post-norm: the LayerNorm is applied after the residual sum, M̂ <- LN1(M̂ + MHA(M̂)), M̂ <- LN2(M̂ + MLP(M̂)).
downstream: yes (4.1 attend_over_memory)
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
