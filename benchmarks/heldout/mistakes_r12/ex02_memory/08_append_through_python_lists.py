"""
exercise: 2.3
learner: weak
cause: Going through Python lists (tolist, list.append, torch.tensor) builds a new float32 tensor with no link to the inputs: no gradient, and float64 memory comes back float32; stay in torch, torch.cat([memory, projected_input.unsqueeze(1)], dim=1).
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> [B, N+1, F] with x̂ as the last row."""
    rows = memory.tolist()
    for b in range(len(rows)):
        rows[b].append(projected_input[b].tolist())
    return torch.tensor(rows)
