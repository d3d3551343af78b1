"""
exercise: 4.1
learner: careful
cause: The MLP is fed the raw attention output instead of the rows after the first residual and LayerNorm; apply core.mlp to LN1(M̂ + MHA(M̂)), the same tensor its residual adds to.
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)

        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(attended))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
