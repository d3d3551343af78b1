"""
exercise: 5.1
learner: weak
cause: The function returns the time step at which the answer was shown (the index into the ranking), not the object's id; the objects arrive in a shuffled order, so look the id up at that step, object_ids[rows, answer_step].
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
    return ranked[rows, n]
