"""
exercise: 5.1
learner: weak
cause: m is an object id, not a time step: the objects are shown in a random order, so m's vector is at the step where object_ids == m, not at vectors[:, m].
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, ids = decoded.vectors, decoded.object_ids
    batch = torch.arange(vectors.shape[0])
    m_vector = vectors[batch, decoded.m]  # [B, F]
    distances = (vectors - m_vector[:, None, :]).norm(dim=-1)
    order = distances.argsort(dim=1, descending=True)
    return ids[batch, order[batch, decoded.n]].long()
