"""
exercise: 5.1
learner: weak
cause: The norm is taken over dim=1, the time axis, which gives one number per feature [B, F] instead of one distance per object [B, T]; take the norm over the feature axis, dim=-1.
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    decoded = task.decode(inputs)
    vectors, object_ids = decoded.vectors, decoded.object_ids  # [B, T, F], [B, T]
    B = vectors.shape[0]
    is_m = object_ids == decoded.m.unsqueeze(1)  # [B, T]
    m_vector = vectors[is_m]  # [B, F]
    distances = (vectors - m_vector.unsqueeze(1)).norm(dim=1)
    ranked = distances.argsort(dim=1, descending=True)
    answer_step = ranked[torch.arange(B), decoded.n]  # [B]
    return object_ids[torch.arange(B), answer_step]
