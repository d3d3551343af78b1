"""
exercise: 4.3
learner: weak
cause: In 4.1 only core.blocks[0] is run, copied from the lesson's `block = core.blocks[0]`, so with num_blocks > 1 the other blocks are skipped (the lesson's 'num_blocks unused'); loop over core.blocks and stack every block's weights.
downstream: yes (4.1 attend_over_memory)
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    stream = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)  # [B, N+1, F]
    block = core.blocks[0]
    attended, weights = block.attention(stream)
    after_attention = block.attention_norm(stream + attended)
    after_mlp = block.mlp_norm(after_attention + core.mlp(after_attention))
    return after_mlp[:, :-1], weights.unsqueeze(1)
