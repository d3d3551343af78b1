"""
exercise: 5.1
learner: careful
cause: The objects are ranked by the Manhattan (L1) distance, which can order them differently from the Euclidean distance the task uses; rank by the L2 norm of the difference (norm(dim=-1)).
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    d = task.decode(inputs)
    batch = torch.arange(inputs.shape[0])
    m_pos = (d.object_ids == d.m[:, None]).float().argmax(dim=1)
    ref = d.vectors[batch, m_pos]  # [B, F]
    dist = (d.vectors - ref[:, None, :]).abs().sum(dim=-1)  # [B, T]
    order = dist.argsort(dim=1, descending=True)
    return d.object_ids[batch, order[batch, d.n]].long()
