"""
exercise: 4.1
learner: careful
cause: Every block's attention reads the stream as it was before the first block (like the lesson's one-block call block(stream, stream, mlp)), so with several blocks the later blocks never attend over what the earlier ones computed; attend over the current rows, block.attention(rows).
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    stream = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)  # [B, N+1, F]
    rows = stream
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
