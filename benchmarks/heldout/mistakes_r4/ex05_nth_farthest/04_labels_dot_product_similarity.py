"""
exercise: 5.1
learner: careful
cause: Farthest is taken as the smallest dot product with m's vector (like an attention score), which is not the Euclidean distance the task asks for; rank by (vectors - m's vector).norm(dim=-1), largest first.
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, ids = decoded.vectors, decoded.object_ids
    batch = torch.arange(vectors.shape[0])
    m_step = (ids == decoded.m[:, None]).int().argmax(dim=1)
    similarity = (vectors * vectors[batch, m_step][:, None, :]).sum(dim=-1)
    ranked = similarity.argsort(dim=1)
    return ids[batch, ranked[batch, decoded.n]]
