"""
exercise: 5.1
learner: weak
cause: nonzero() returns (batch, step) pairs and column 0 is the batch index, not the step where object m is; take column 1 (or argmax over dim=1).
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    d = task.decode(inputs)
    batch = torch.arange(inputs.shape[0])
    m_step = (d.object_ids == d.m[:, None]).nonzero()[:, 0]
    ref = d.vectors[batch, m_step]
    dist = (d.vectors - ref[:, None, :]).norm(dim=-1)
    order = dist.argsort(dim=1, descending=True)
    return d.object_ids[batch, order[batch, d.n]]
