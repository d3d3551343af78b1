"""
exercise: 4.3
learner: weak
cause: 4.1 uses block.attention_norm for both sub-layers (copy-paste) and never block.mlp_norm, so every step of the 4.3 unroll is off.
downstream: yes
wrong_function: 4.1 attend_over_memory (4.2 and 4.3 as in correct.py)
"""

import torch


def attend_over_memory(core, memory, projected_input):
    N = memory.shape[1]
    stream = torch.cat([memory, projected_input[:, None, :]], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        stream = block.attention_norm(stream + attended)
        stream = block.attention_norm(stream + core.mlp(stream))
        all_weights.append(weights)
    return stream[:, :N], torch.stack(all_weights, dim=1)
