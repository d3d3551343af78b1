"""
exercise: 5.1
learner: careful
cause: the answer is returned as the time step where the object was shown, not mapped back through object_ids to the object's id.
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, ids = decoded.vectors, decoded.object_ids
    batch = torch.arange(vectors.shape[0])
    m_position = (ids == decoded.m[:, None]).float().argmax(dim=1)
    m_vector = vectors[batch, m_position]
    distances = (vectors - m_vector[:, None, :]).norm(dim=-1)
    order = distances.argsort(dim=1, descending=True)
    return order[batch, decoded.n].long()
