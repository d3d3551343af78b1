"""
exercise: 4.3
learner: weak
cause: In 4.1 the residuals are added with +=, which overwrites rows in place although attention and the MLP saved it for the backward pass, so backpropagating through the step fails; write rows = block.attention_norm(rows + attended) and rows = block.mlp_norm(rows + core.mlp(rows)).
downstream: yes (4.1 attend_over_memory)
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
        rows += core.mlp(rows)
        rows = block.mlp_norm(rows)
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
