"""
exercise: 4.3
learner: careful
cause: In 4.1 the old memory is added back to the result (a residual around the whole stack of blocks); the blocks already carry their own residuals, and M enters the update only through f ⊙ M in the gates, so return the rows after the last block, without the input row, as they are.
downstream: yes (4.1 attend_over_memory)
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        all_weights.append(weights)
    return memory + rows[:, :N], torch.stack(all_weights, dim=1)
