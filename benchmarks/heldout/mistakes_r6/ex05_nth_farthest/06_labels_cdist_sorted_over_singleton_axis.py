"""
exercise: 5.1
learner: careful
cause: torch.cdist(vectors, m_vector[:, None]) gives distances [B, T, 1], and argsort(dim=-1) sorts the size-1 axis, so every 'ranked' index is 0 and the answer is always the object shown first; sort over the objects, dim=1 (or squeeze the last axis first).
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    vectors, object_ids, m, n = task.decode(inputs)
    batch = torch.arange(vectors.shape[0])
    m_step = (object_ids == m[:, None]).int().argmax(dim=1)
    m_vector = vectors[batch, m_step]  # [B, F]
    distances = torch.cdist(vectors, m_vector[:, None, :])  # [B, T, 1]
    ranked = distances.argsort(dim=-1, descending=True)
    answer_step = ranked[batch, n].squeeze(-1)  # [B]
    return object_ids[batch, answer_step]
