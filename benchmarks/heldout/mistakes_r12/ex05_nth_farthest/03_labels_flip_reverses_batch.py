"""
exercise: 5.1
learner: weak
cause: flip(0) reverses the batch axis, not the ranking, so each row gets the nearest-first order of another sequence; reverse the last axis, flip(-1) (or argsort with descending=True).
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    vectors, object_ids, m, n = task.decode(inputs)
    batch = torch.arange(len(m))
    where_m = (object_ids == m.unsqueeze(1)).float().argmax(dim=1)
    dist = torch.linalg.norm(vectors - vectors[batch, where_m].unsqueeze(1), dim=-1)  # [B, T]
    farthest_first = torch.argsort(dist, dim=1).flip(0)
    return object_ids[batch, farthest_first[batch, n]]
