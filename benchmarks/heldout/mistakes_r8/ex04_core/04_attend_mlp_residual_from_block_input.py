"""
exercise: 4.1
learner: careful
cause: The MLP's residual adds the MLP output to the block's input M̂ instead of to the rows after the first residual and LayerNorm, so the attention result reaches the memory only through the MLP; the second residual is LN2(h + MLP(h)) with h = LN1(M̂ + MHA(M̂)).
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        hidden = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(hidden))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
