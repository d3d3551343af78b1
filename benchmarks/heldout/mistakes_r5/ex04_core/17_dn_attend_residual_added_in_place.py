"""
exercise: 4.2
learner: weak
cause: In 4.1 the residual is added in place (rows += attended), overwriting rows that the attention layer saved for its backward pass, so backpropagation fails; write rows = block.attention_norm(rows + attended), a new tensor.
downstream: yes (4.1 attend_over_memory is wrong)
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    num_slots = memory.shape[1]
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows += attended
        rows = block.attention_norm(rows)
        rows = block.mlp_norm(rows + core.mlp(rows))
        all_weights.append(weights)
    return rows[:, :num_slots], torch.stack(all_weights, dim=1)
