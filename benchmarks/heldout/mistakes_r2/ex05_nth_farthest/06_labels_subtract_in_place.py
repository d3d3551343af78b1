"""
exercise: 5.1
learner: careful
cause: The vectors from task.decode are views into inputs, and `vectors -= m_vector` shifts them in place, so the caller's inputs are changed; compute the differences out of place, vectors - m_vector[:, None, :].
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, ids = decoded.vectors, decoded.object_ids
    batch = torch.arange(vectors.shape[0])
    m_position = (ids == decoded.m[:, None]).long().argmax(dim=1)
    m_vector = vectors[batch, m_position].clone()
    vectors -= m_vector[:, None, :]  # centre on m
    distances = vectors.norm(dim=-1)
    order = distances.argsort(dim=1, descending=True)
    return ids[batch, order[batch, decoded.n]]
