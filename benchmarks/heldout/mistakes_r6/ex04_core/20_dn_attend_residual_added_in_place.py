"""
exercise: 4.3
learner: weak
cause: In 4.1 the residual is written rows += attended, which overwrites the rows that the attention layer saved for its backward pass, so backpropagation through the unrolled sequence raises; write rows = block.attention_norm(rows + attended) with a new tensor.
downstream: yes (4.1 attend_over_memory is wrong)
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows += attended
        rows = block.attention_norm(rows)
        rows = block.mlp_norm(rows + core.mlp(rows))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
