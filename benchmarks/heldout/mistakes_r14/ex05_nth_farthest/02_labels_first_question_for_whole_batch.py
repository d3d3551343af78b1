"""
exercise: 5.1
learner: weak
cause: m and n are read once with int(decoded.m[0]) and int(decoded.n[0]), as in the lesson's one-question plot, so every question of the batch gets the reference and rank of the first one; use the [B] tensors decoded.m and decoded.n so each question keeps its own.
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    decoded = task.decode(inputs)
    m = int(decoded.m[0])
    n = int(decoded.n[0])
    m_step = (decoded.object_ids == m).int().argmax(dim=1)  # [B]
    batch = torch.arange(inputs.shape[0])
    m_vector = decoded.vectors[batch, m_step]
    distances = (decoded.vectors - m_vector.unsqueeze(1)).norm(dim=-1)
    ranked = distances.argsort(dim=1, descending=True)
    return decoded.object_ids[batch, ranked[:, n]]
