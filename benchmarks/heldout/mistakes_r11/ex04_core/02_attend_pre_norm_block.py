"""
exercise: 4.1
learner: careful
cause: The block is written pre-norm (LayerNorm before attention and before the MLP, residual outside), as in GPT-style Transformers; the RMC block is post-norm: rows = LN1(rows + MHA(rows)), then rows = LN2(rows + MLP(rows)).
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> (M̃ [B, N, F], weights [B, num_blocks, H, N+1, N+1])."""
    n = memory.shape[1]
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)  # [B, N+1, F]
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(block.attention_norm(rows))
        rows = rows + attended
        rows = rows + core.mlp(block.mlp_norm(rows))
        all_weights.append(weights)
    return rows[:, :n], torch.stack(all_weights, dim=1)
