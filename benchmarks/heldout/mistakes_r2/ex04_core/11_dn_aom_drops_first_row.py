"""
exercise: 4.2
learner: weak
cause: attend_over_memory drops the first row (stream[:, 1:]) instead of the input row at the end, so M̃ loses slot 0 and keeps the input; drop the last row: stream[:, :N].
downstream: yes
wrong_function: 4.1 attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    stream = torch.cat([memory, projected_input[:, None, :]], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        stream = block.attention_norm(stream + attended)
        stream = block.mlp_norm(stream + core.mlp(stream))
        all_weights.append(weights)
    return stream[:, 1:], torch.stack(all_weights, dim=1)
