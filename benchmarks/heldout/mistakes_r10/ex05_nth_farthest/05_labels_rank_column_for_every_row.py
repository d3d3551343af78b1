"""
exercise: 5.1
learner: weak
cause: ranked[:, n] with n a tensor of B ranks takes every question's rank for every row, so the answer is [B, B] instead of [B]; pick one rank per row, ranked[torch.arange(B), n] (or gather with n[:, None]).
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    decoded = task.decode(inputs)
    vectors, object_ids = decoded.vectors, decoded.object_ids  # [B, T, F], [B, T]
    m_step = (object_ids == decoded.m[:, None]).int().argmax(dim=1)  # [B]
    m_vector = vectors.gather(1, m_step[:, None, None].expand(-1, 1, vectors.shape[-1]))  # [B, 1, F]
    distances = (vectors - m_vector).norm(dim=-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)  # [B, T]
    answer_step = ranked[:, decoded.n]
    return object_ids.gather(1, answer_step)
