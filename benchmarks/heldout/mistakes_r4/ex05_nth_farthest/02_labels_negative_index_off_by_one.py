"""
exercise: 5.1
learner: weak
cause: With the distances sorted nearest first, rank n counted from the far end is index -(n + 1), not -n (which gives rank n - 1, and m itself for n = 0); take ranked[:, -(n + 1)], or sort descending and take index n.
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, ids = decoded.vectors, decoded.object_ids
    batch = torch.arange(vectors.shape[0])
    m_step = (ids == decoded.m[:, None]).int().argmax(dim=1)
    distance = (vectors - vectors[batch, m_step][:, None, :]).norm(dim=-1)
    ranked = distance.argsort(dim=1)
    return ids[batch, ranked[batch, -decoded.n]]
