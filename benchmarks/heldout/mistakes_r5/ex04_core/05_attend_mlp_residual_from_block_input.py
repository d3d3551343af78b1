"""
exercise: 4.1
learner: careful
cause: The MLP's residual adds the rows that entered the block instead of the rows after the first residual and LayerNorm, so the attention result reaches the second sum only through the MLP; add the MLP output to the same tensor the MLP read, LN2(h + MLP(h)) with h = LN1(M̂ + MHA(M̂)).
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    num_slots = memory.shape[1]
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        block_input = rows
        attended, weights = block.attention(rows)
        after_attention = block.attention_norm(rows + attended)
        rows = block.mlp_norm(block_input + core.mlp(after_attention))
        all_weights.append(weights)
    return rows[:, :num_slots], torch.stack(all_weights, dim=1)
