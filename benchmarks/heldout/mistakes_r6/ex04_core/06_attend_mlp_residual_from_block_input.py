"""
exercise: 4.1
learner: careful
cause: The MLP's residual adds the rows the block started with instead of the rows after the first LayerNorm, LN2(M̂_in + MLP(LN1(M̂_in + A))), so the attention result reaches the output only through the MLP; the second residual adds the MLP's own input, LN2(R + MLP(R)) with R = LN1(M̂ + A).
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        after_attention = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(after_attention))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
