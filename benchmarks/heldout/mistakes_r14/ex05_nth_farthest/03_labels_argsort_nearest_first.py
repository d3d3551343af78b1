"""
exercise: 5.1
learner: weak
cause: argsort sorts ascending by default, so ranked lists the steps nearest first and rank n = 0 gives m itself; sort farthest first, argsort(dim=1, descending=True), before taking rank n.
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    decoded = task.decode(inputs)
    vectors, ids = decoded.vectors, decoded.object_ids
    batch = torch.arange(vectors.shape[0])
    m_step = (ids == decoded.m[:, None]).long().argmax(dim=1)
    m_vector = vectors[batch, m_step]
    distances = torch.sqrt(((vectors - m_vector[:, None]) ** 2).sum(dim=-1))  # [B, T]
    ranked = torch.argsort(distances, dim=1)
    return ids[batch, ranked[batch, decoded.n]]
