"""
exercise: 5.1
learner: careful
cause: The distances are sorted in ascending order, so rank 0 is the nearest object (m itself) instead of the farthest; sort descending (argsort(descending=True)).
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, ids = decoded.vectors, decoded.object_ids
    batch = torch.arange(vectors.shape[0])
    m_position = (ids == decoded.m[:, None]).long().argmax(dim=1)
    m_vector = vectors[batch, m_position]
    distances = torch.linalg.vector_norm(vectors - m_vector[:, None, :], dim=-1)
    order = torch.argsort(distances, dim=1)
    return ids[batch, order[batch, decoded.n]]
