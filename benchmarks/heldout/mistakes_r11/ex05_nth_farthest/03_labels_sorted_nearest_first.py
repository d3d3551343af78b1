"""
exercise: 5.1
learner: weak
cause: argsort sorts ascending by default, so the ranking starts at the nearest object (m itself) and index n picks the (n+1)-th nearest; sort with descending=True so rank 0 is the farthest.
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, ids = decoded.vectors, decoded.object_ids
    b = torch.arange(len(inputs))
    m_pos = (ids == decoded.m[:, None]).int().argmax(1)
    diff = vectors - vectors[b, m_pos][:, None]
    dist = diff.norm(dim=2)  # [B, T]
    ranks = torch.argsort(dist, dim=1)
    return ids[b, ranks[b, decoded.n]]
