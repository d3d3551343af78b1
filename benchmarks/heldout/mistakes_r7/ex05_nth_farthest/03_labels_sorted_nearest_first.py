"""
exercise: 5.1
learner: weak
cause: argsort sorts ascending by default, so the ranking lists the nearest object first and index n gives the (n+1)-th nearest (m itself for n = 0); sort with descending=True so rank 0 is the farthest.
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    vectors, object_ids, m, n = task.decode(inputs)
    rows = torch.arange(vectors.shape[0])
    m_step = (object_ids == m[:, None]).long().argmax(dim=1)
    m_vector = vectors[rows, m_step]
    distances = (vectors - m_vector[:, None, :]).norm(dim=-1)
    ranked = distances.argsort(dim=-1)
    answer_step = ranked[rows, n]
    return object_ids[rows, answer_step]
