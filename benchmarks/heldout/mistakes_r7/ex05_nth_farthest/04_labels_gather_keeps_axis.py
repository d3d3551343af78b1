"""
exercise: 5.1
learner: weak
cause: gather keeps the axis it indexes, so the labels come back as [B, 1] instead of [B]; squeeze that axis, .squeeze(1), or index with object_ids[rows, answer_step].
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    vectors, object_ids, m, n = task.decode(inputs)
    rows = torch.arange(vectors.shape[0])
    m_step = (object_ids == m[:, None]).long().argmax(dim=1)
    m_vector = vectors[rows, m_step]
    distances = (vectors - m_vector[:, None, :]).norm(dim=-1)
    ranked = distances.argsort(dim=-1, descending=True)
    answer_step = ranked.gather(1, n[:, None])
    return object_ids.gather(1, answer_step)
