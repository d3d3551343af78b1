"""
exercise: 5.1
learner: careful
cause: n is read as 1-based ("the (n+1)-th" taken as index n - 1), so every answer is one rank too near to the top and n = 0 wraps round to m itself; index the descending order with n directly.
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, ids = decoded.vectors, decoded.object_ids
    batch = torch.arange(vectors.shape[0])
    m_position = (ids == decoded.m[:, None]).long().argmax(dim=1)
    m_vector = vectors[batch, m_position]
    distances = (vectors - m_vector[:, None, :]).norm(dim=-1)
    order = distances.argsort(dim=1, descending=True)
    return ids[batch, order[batch, decoded.n - 1]]
