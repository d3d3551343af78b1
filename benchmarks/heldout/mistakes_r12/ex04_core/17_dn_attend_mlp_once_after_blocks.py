"""
exercise: 4.2
learner: careful
cause: In 4.1 the shared MLP (and its residual + LayerNorm) runs once after all the blocks, reading "shared by all blocks" as "applied once"; sharing means the same core.mlp runs inside every block, each block doing LN1(M̂ + MHA(M̂)) and then LN2(M̂ + MLP(M̂)) with its own mlp_norm.
downstream: yes (4.1 attend_over_memory)
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
