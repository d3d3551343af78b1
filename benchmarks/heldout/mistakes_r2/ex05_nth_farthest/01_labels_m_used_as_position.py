"""
exercise: 5.1
learner: weak
cause: m is an object id, but it is used as the position in the sequence (vectors[b, m]); find the step where object_ids equals m and take the vector shown there.
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
    return ids[batch, order[batch, decoded.n]]
