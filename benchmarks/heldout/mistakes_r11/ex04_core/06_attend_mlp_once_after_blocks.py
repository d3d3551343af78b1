"""
exercise: 4.1
learner: careful
cause: "The MLP, which all blocks share" is read as one MLP stage after all the blocks, so each block does only attention + LN1; every block does both halves: LN1(rows + MHA(rows)) and then LN2(rows + MLP(rows)) with its own mlp_norm, inside the loop.
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> (M̃ [B, N, F], weights [B, num_blocks, H, N+1, N+1])."""
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)  # [B, N+1, F]
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        all_weights.append(weights)
    rows = core.blocks[-1].mlp_norm(rows + core.mlp(rows))  # shared MLP
    return rows[:, : memory.shape[1]], torch.stack(all_weights, dim=1)
