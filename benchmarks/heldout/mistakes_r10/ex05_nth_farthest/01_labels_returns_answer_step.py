"""
exercise: 5.1
learner: weak
cause: The function returns the time step at which the answer was shown, not the answer's object id; the objects arrive in a random order, so look the step up in object_ids (object_ids[b, step]) and return that.
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    decoded = task.decode(inputs)
    vectors = decoded.vectors  # [B, T, F]
    batch = torch.arange(vectors.shape[0])
    m_step = (decoded.object_ids == decoded.m[:, None]).long().argmax(dim=1)  # [B]
    m_vector = vectors[batch, m_step]  # [B, F]
    distances = torch.linalg.norm(vectors - m_vector[:, None, :], dim=-1)  # [B, T]
    order = torch.argsort(distances, dim=1, descending=True)  # [B, T]
    return order[batch, decoded.n]
