"""
exercise: 5.1
learner: weak
cause: The norm is taken over axis 1 (the objects) instead of the feature axis, so there is one number per feature, not one distance per object; take the norm over dim=-1.
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, ids = decoded.vectors, decoded.object_ids
    batch = torch.arange(vectors.shape[0])
    m_position = (ids == decoded.m[:, None]).long().argmax(dim=1)
    m_vector = vectors[batch, m_position]
    distances = (vectors - m_vector[:, None, :]).norm(dim=1)
    order = distances.argsort(dim=1, descending=True)
    return ids[batch, order[batch, decoded.n]]
