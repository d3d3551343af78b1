"""
exercise: 4.2
learner: careful
cause: In 4.1 the MLP's residual adds the rows that entered the block (one skip from the block's input) instead of the rows after the first LayerNorm; the second residual adds the same tensor the MLP reads, LN2(A + MLP(A)) with A = LN1(M̂ + MHA(M̂)).
downstream: yes (4.1 attend_over_memory is wrong)
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        after_attention = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(after_attention))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
