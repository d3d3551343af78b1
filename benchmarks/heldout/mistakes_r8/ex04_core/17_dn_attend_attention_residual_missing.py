"""
exercise: 4.2
learner: weak
cause: In 4.1 the attention output is normalised without its residual, LN1(MHA(M̂)), so a slot's own content is lost after every block; add the rows back before the LayerNorm, block.attention_norm(rows + attended).
downstream: yes (4.1 attend_over_memory is wrong)
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
