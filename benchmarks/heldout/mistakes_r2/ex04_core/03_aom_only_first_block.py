"""
exercise: 4.1
learner: weak
cause: Only core.blocks[0] is run, whatever core.num_blocks says, so deeper cores skip their other blocks; loop over every block in core.blocks.
downstream: no
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    stream = torch.cat([memory, projected_input[:, None, :]], dim=1)
    block = core.blocks[0]
    attended, weights = block.attention(stream)
    stream = block.attention_norm(stream + attended)
    stream = block.mlp_norm(stream + core.mlp(stream))
    return stream[:, :N], weights.unsqueeze(1)
