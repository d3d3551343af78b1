"""
exercise: 4.1
learner: careful
cause: The MLP's residual adds the block's input rows instead of the rows after the attention step; both residuals of the block are sequential, so the second one adds the MLP's own input, LN2(h + MLP(h)) with h = LN1(M̂ + MHA(M̂)).
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        hidden = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(hidden))
        all_weights.append(weights)
    return rows[:, :N], torch.stack(all_weights, dim=1)
