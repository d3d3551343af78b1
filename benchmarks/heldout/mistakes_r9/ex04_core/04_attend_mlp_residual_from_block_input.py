"""
exercise: 4.1
learner: weak
cause: The MLP reads the normalised rows but its residual adds the block's input rows (rows was never reassigned after LN1), so the attention sublayer's result reaches the output only through the MLP; use the same tensor for both, LN2(h + MLP(h)) with h = LN1(M̂ + MHA(M̂)).
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        normed = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(normed))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
