"""
exercise: 2.3
learner: weak
cause: The concatenation is done on the last axis (dim=-1, as in tile_input), which would glue features to each slot, and the one input row cannot sit next to N slots; a new row goes on the slot axis, dim=1.
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    return torch.cat([memory, projected_input.unsqueeze(1)], dim=-1)
