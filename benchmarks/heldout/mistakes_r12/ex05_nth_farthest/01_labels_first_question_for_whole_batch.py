"""
exercise: 5.1
learner: weak
cause: m and n are read as int(decoded.m[0]) and int(decoded.n[0]), the question of the first sequence only (as in the lesson's plot of one question), so every row is answered for that one question; keep m [B] and n [B] as tensors and use each row's own m and n.
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    decoded = task.decode(inputs)
    B = inputs.shape[0]
    m = int(decoded.m[0])
    n = int(decoded.n[0])
    m_step = (decoded.object_ids == m).int().argmax(dim=1)  # [B]
    m_vector = decoded.vectors[torch.arange(B), m_step]  # [B, F]
    dist = (decoded.vectors - m_vector[:, None]).norm(dim=-1)  # [B, T]
    order = dist.argsort(dim=1, descending=True)
    return decoded.object_ids[torch.arange(B), order[:, n]]
