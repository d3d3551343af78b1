"""
exercise: 4.1
learner: careful
cause: The MLP and its LayerNorm are applied to the N memory rows only and the input row is passed on untouched, so the next block reads an input row that skipped the MLP; the MLP step runs on all N+1 rows, and the input row is dropped only after the last block.
downstream: no
wrong_function: attend_over_memory
"""

import torch


def attend_over_memory(core, memory, projected_input):
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)
        rows = block.attention_norm(rows + attended)
        slots, input_row = rows[:, :-1], rows[:, -1:]
        slots = block.mlp_norm(slots + core.mlp(slots))
        rows = torch.cat([slots, input_row], dim=1)
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)
