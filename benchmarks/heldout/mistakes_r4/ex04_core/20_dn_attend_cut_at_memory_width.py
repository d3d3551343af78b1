"""
exercise: 4.3
learner: weak
cause: In 4.1 the input row is dropped with rows[:, :memory.shape[-1]], the memory width F, not the slot count N, so (with F > N) M̃ keeps all N+1 rows and the step cannot gate it; cut with memory.shape[1] (or rows[:, :-1]).
downstream: yes (4.1 attend_over_memory is wrong)
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)

        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        all_weights.append(weights)
    return rows[:, : memory.shape[-1]], torch.stack(all_weights, dim=1)
