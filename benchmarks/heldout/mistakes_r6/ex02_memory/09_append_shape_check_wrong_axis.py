"""
exercise: 2.3
learner: careful
cause: The shape check compares x̂ with (batch, slots), memory.shape[:2], but x̂ is [B, F], one row of the slot width; check against (memory.shape[0], memory.shape[-1]) (or drop the check), then concatenate as you do.
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    if projected_input.shape != memory.shape[:2]:
        raise ValueError(f"projected input must be [B, F], got {list(projected_input.shape)}")
    return torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
