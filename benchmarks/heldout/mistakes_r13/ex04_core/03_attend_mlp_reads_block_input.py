"""
exercise: 4.1
learner: weak
cause: The MLP is applied to rows, the block's input before attention, instead of after_attention; the MLP and its residual both act on LN1(M̂ + MHA(M̂)): core.mlp(after_attention).
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    weights_list = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        after_attention = block.attention_norm(rows + attended)
        after_mlp = block.mlp_norm(after_attention + core.mlp(rows))
        weights_list.append(weights)
        rows = after_mlp
    return rows[:, :-1], torch.stack(weights_list, dim=1)
