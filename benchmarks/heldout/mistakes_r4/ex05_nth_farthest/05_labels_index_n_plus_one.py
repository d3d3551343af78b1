"""
exercise: 5.1
learner: weak
cause: The '(n+1)-th farthest' is read as index n + 1, but ranks count from 0 (n = 0 is the farthest), so the answer is ranked[:, n]; n + 1 is one rank too near and out of range for the last rank.
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, ids = decoded.vectors, decoded.object_ids
    batch = torch.arange(vectors.shape[0])
    m_step = (ids == decoded.m[:, None]).int().argmax(dim=1)
    distance = (vectors - vectors[batch, m_step][:, None, :]).norm(dim=-1)
    ranked = distance.argsort(dim=1, descending=True)
    return ids[batch, ranked[batch, decoded.n + 1]]
