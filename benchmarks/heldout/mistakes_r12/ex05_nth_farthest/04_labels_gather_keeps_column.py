"""
exercise: 5.1
learner: weak
cause: gather with an index of shape [B, 1] returns [B, 1], so the labels come out as a column instead of [B]; squeeze(1) the gathered ids (or index with [rows, steps]).
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    vectors, object_ids, m, n = task.decode(inputs)
    m_step = (object_ids == m[:, None]).long().argmax(dim=1, keepdim=True)  # [B, 1]
    m_vec = vectors.gather(1, m_step[:, :, None].expand(-1, -1, vectors.shape[-1]))  # [B, 1, F]
    dist = (vectors - m_vec).norm(dim=-1)  # [B, T]
    ranked = dist.argsort(dim=-1, descending=True)
    steps = ranked.gather(1, n[:, None])  # [B, 1]
    return object_ids.gather(1, steps)
