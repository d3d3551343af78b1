"""
exercise: 4.1
learner: careful
cause: The second residual adds the block's input rows instead of the rows after the first LayerNorm (the arrow in the formula means M̂ is replaced after each line); compute rows = LN1(rows + MHA(rows)) first, then rows = LN2(rows + MLP(rows)) on that new rows.
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> (M̃ [B, N, F], weights [B, num_blocks, H, N+1, N+1])."""
    n_slots = memory.size(1)
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)  # [B, N+1, F]
    weights_per_block = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        normed = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(normed))
        weights_per_block.append(weights)
    return rows[:, :n_slots], torch.stack(weights_per_block, dim=1)
