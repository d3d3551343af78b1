"""
exercise: 5.1
learner: weak
cause: The norm is taken over the time axis (dim=1), giving one number per feature instead of one distance per object; take it over the feature axis, dim=-1.
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    d = task.decode(inputs)
    batch = torch.arange(inputs.shape[0])
    m_pos = (d.object_ids == d.m[:, None]).float().argmax(dim=1)
    diff = d.vectors - d.vectors[batch, m_pos][:, None, :]
    dist = torch.norm(diff, dim=1)
    order = torch.argsort(dist, dim=1, descending=True)
    return d.object_ids[batch, order[batch, d.n]]
