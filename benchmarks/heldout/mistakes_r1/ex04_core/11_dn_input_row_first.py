"""
exercise: 4.2
learner: careful
cause: 4.1 puts the input row first and then keeps the first N rows, so M̃ holds the input row and loses the last memory slot; 4.2 gates that wrong M̃.
downstream: yes
wrong_function: 4.1 attend_over_memory (4.2 and 4.3 as in correct.py)
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    stream = torch.cat([projected_input[:, None, :], memory], dim=1)  # [x̂; M]
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        stream = block.attention_norm(stream + attended)
        stream = block.mlp_norm(stream + core.mlp(stream))
        all_weights.append(weights)
    return stream[:, :N], torch.stack(all_weights, dim=1)
