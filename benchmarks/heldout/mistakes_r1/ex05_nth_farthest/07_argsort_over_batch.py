"""
exercise: 5.1
learner: weak
cause: argsort(dim=0) ranks along the batch axis instead of ranking each question's objects along the time axis (dim=1).
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, ids = decoded.vectors, decoded.object_ids
    batch = torch.arange(vectors.shape[0])
    m_position = (ids == decoded.m[:, None]).float().argmax(dim=1)
    m_vector = vectors[batch, m_position]
    distances = (vectors - m_vector[:, None, :]).norm(dim=-1)  # [B, T]
    order = distances.argsort(dim=0, descending=True)
    return ids[batch, order[batch, decoded.n]].long()
