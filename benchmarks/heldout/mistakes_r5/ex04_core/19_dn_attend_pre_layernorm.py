"""
exercise: 4.2
learner: careful
cause: In 4.1 the blocks are written pre-norm, M̂ + MHA(LN1(M̂)) and M̂ + MLP(LN2(M̂)), as in GPT-style transformers; the RMC's blocks are post-norm, the LayerNorm taken around the sum: LN1(M̂ + MHA(M̂)), then LN2(M̂ + MLP(M̂)).
downstream: yes (4.1 attend_over_memory is wrong)
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    num_slots = memory.shape[1]
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(block.attention_norm(rows))
        rows = rows + attended
        rows = rows + core.mlp(block.mlp_norm(rows))
        all_weights.append(weights)
    return rows[:, :num_slots], torch.stack(all_weights, dim=1)
