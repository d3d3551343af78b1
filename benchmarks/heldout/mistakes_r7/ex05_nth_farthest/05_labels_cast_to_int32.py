"""
exercise: 5.1
learner: weak
cause: .int() converts the labels to int32, but class labels (and the exercise) are int64; object_ids is already int64, so return it without a cast (or use .long()).
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
    answer_step = ranked[rows, n]
    return object_ids[rows, answer_step].int()
