"""
exercise: 5.1
learner: careful
cause: The distance is taken as the difference of the two vectors' lengths, |‖x‖ - ‖x_m‖|, which is the distance only in one dimension; two objects of the same length in different directions come out at distance 0. Subtract first, then take the norm: (vectors - m_vector[:, None]).norm(dim=-1).
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    vectors, object_ids, m, n = task.decode(inputs)
    rows = torch.arange(vectors.shape[0])
    m_step = (object_ids == m[:, None]).long().argmax(dim=1)
    m_vector = vectors[rows, m_step]
    distances = (vectors.norm(dim=-1) - m_vector.norm(dim=-1)[:, None]).abs()
    ranked = distances.argsort(dim=-1, descending=True)
    answer_step = ranked[rows, n]
    return object_ids[rows, answer_step]
