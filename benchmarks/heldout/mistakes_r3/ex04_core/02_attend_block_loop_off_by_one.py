"""
exercise: 4.1
learner: weak
cause: range(core.num_blocks - 1) runs one block too few (none at all for a one-block core, where stacking the empty list fails); loop over range(core.num_blocks), or over core.blocks directly.
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    rows = torch.cat([memory, projected_input[:, None, :]], dim=1)
    weights = []
    for b in range(core.num_blocks - 1):
        block = core.blocks[b]
        attended, w = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        weights.append(w)
    return rows[:, :N], torch.stack(weights, dim=1)
