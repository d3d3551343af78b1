"""
exercise: 5.1
learner: weak
cause: The rank is read as 1-based (n - 1), but n = 0 already means the farthest object, so n - 1 = -1 wraps to the nearest; index the ranking with n itself.
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    d = task.decode(inputs)
    batch = torch.arange(inputs.shape[0])
    m_pos = (d.object_ids == d.m[:, None]).float().argmax(dim=1)
    dist = (d.vectors - d.vectors[batch, m_pos][:, None, :]).norm(dim=-1)
    order = dist.argsort(dim=1, descending=True)
    return d.object_ids[batch, order[batch, d.n - 1]]
