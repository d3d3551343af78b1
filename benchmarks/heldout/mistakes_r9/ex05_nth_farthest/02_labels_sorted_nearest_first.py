"""
exercise: 5.1
learner: weak
cause: argsort sorts the distances in ascending order, nearest first, so index n picks the (n+1)-th nearest object; the ranks count from the farthest, so sort with descending=True before taking index n.
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    d = task.decode(inputs)
    rows = torch.arange(len(d.m))
    where_m = (d.object_ids == d.m[:, None]).nonzero()[:, 1]  # [B]
    ref = d.vectors[rows, where_m]
    dists = torch.linalg.norm(d.vectors - ref[:, None, :], dim=-1)  # [B, T]
    ranking = torch.argsort(dists, dim=1)
    step = ranking[rows, d.n]
    return d.object_ids[rows, step]
