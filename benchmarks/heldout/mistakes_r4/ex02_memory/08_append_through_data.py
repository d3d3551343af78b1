"""
exercise: 2.3
learner: weak
cause: Going through .data takes the result out of the autograd graph, so no gradient reaches the memory or the input projection; concatenate the tensors themselves.
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    return torch.cat((memory.data, projected_input.data.unsqueeze(1)), dim=1)
