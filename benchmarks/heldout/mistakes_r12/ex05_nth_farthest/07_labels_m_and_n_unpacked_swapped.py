"""
exercise: 5.1
learner: careful
cause: decode's fields are unpacked as (vectors, object_ids, n, m), in the order of the sentence "n-th farthest from m", but decode returns m before n, so the reference object and the rank are exchanged; unpack vectors, object_ids, m, n (or use decoded.m and decoded.n by name).
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    vectors, object_ids, n, m = task.decode(inputs)
    rows = torch.arange(vectors.shape[0])
    m_step = (object_ids == m[:, None]).int().argmax(dim=1)  # [B]
    reference = vectors[rows, m_step]  # [B, F]
    distances = (vectors - reference[:, None, :]).norm(dim=-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)  # [B, T]
    return object_ids[rows, ranked[rows, n]]
