"""
exercise: 5.1
learner: careful
cause: "(n+1)-th farthest" already means index n in the 0-based ranking; adding 1 (and clamping to stop the IndexError) answers the next rank.
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, ids = decoded.vectors, decoded.object_ids
    B, T = ids.shape
    batch = torch.arange(B)
    m_position = (ids == decoded.m[:, None]).float().argmax(dim=1)
    m_vector = vectors[batch, m_position]
    distances = (vectors - m_vector[:, None, :]).norm(dim=-1)
    order = distances.argsort(dim=1, descending=True)
    rank = (decoded.n + 1).clamp(max=T - 1)  # the (n+1)-th
    return ids[batch, order[batch, rank]].long()
