"""
exercise: 5.1
learner: careful
cause: n is read as a 1-based rank ("the n-th farthest"), so index n - 1 is taken, which is the object one rank farther from m than asked and wraps round to m itself for n = 0; the task counts ranks from 0 (n = 0 is the farthest), so take the ranked step at index n.
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    decoded = task.decode(inputs)
    vectors, object_ids = decoded.vectors, decoded.object_ids  # [B, T, F], [B, T]
    batch = torch.arange(vectors.shape[0])
    m_step = (object_ids == decoded.m[:, None]).float().argmax(dim=1)  # [B]
    m_vector = vectors[batch, m_step]  # [B, F]
    distances = torch.cdist(vectors, m_vector[:, None, :]).squeeze(-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)  # [B, T]
    answer_step = ranked[batch, decoded.n - 1]  # [B]
    return object_ids[batch, answer_step]
