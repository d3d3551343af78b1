"""
exercise: 5.1
learner: careful
cause: decode returns views into inputs, so subtracting m's vector in place (vectors -= ...) rewrites the caller's inputs; compute the differences out of place, vectors - m_vector[:, None, :].
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    vectors, object_ids, m, n = task.decode(inputs)
    batch = torch.arange(vectors.shape[0])
    m_step = (object_ids == m[:, None]).int().argmax(dim=1)
    m_vector = vectors[batch, m_step].clone()  # [B, F]
    vectors -= m_vector[:, None, :]  # centre every sequence on object m
    distances = vectors.norm(dim=-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)
    return object_ids[batch, ranked[batch, n]]
