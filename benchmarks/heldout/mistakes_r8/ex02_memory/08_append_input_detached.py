"""
exercise: 2.3
learner: careful
cause: The input row is detached because it is dropped after attention, but the slots read it through attention first, so the input projection must get its gradient; concatenate projected_input itself, without detach.
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    return torch.cat([memory, projected_input.detach()[:, None, :]], dim=1)
