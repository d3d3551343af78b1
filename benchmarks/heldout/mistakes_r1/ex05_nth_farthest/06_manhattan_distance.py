"""
exercise: 5.1
learner: careful
cause: the distance is the sum of absolute differences (L1), not the Euclidean distance, and the two can rank the objects differently.
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, ids = decoded.vectors, decoded.object_ids
    batch = torch.arange(vectors.shape[0])
    m_position = (ids == decoded.m[:, None]).float().argmax(dim=1)
    m_vector = vectors[batch, m_position]
    distances = (vectors - m_vector[:, None, :]).abs().sum(dim=-1)
    order = distances.argsort(dim=1, descending=True)
    return ids[batch, order[batch, decoded.n]].long()
