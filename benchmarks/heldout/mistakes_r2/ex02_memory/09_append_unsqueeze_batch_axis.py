"""
exercise: 2.3
learner: weak
cause: unsqueeze(0) adds the new axis in front of the batch ([1, B, F]) instead of as the row axis ([B, 1, F]), so the concatenation fails for batches larger than one; use projected_input[:, None, :] (unsqueeze(1)).
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    return torch.cat([memory, projected_input.unsqueeze(0)], dim=1)
