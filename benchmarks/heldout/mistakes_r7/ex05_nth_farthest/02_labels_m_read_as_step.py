"""
exercise: 5.1
learner: careful
cause: m is an object id, but it is used as a time step, vectors[rows, m], so the reference vector is that of whatever object happened to be shown at step m; find the step that shows object m first, (object_ids == m[:, None]).argmax(dim=1), and take its vector.
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    vectors, object_ids, m, n = task.decode(inputs)
    rows = torch.arange(vectors.shape[0])
    m_vector = vectors[rows, m]
    distances = (vectors - m_vector[:, None, :]).norm(dim=-1)
    ranked = distances.argsort(dim=-1, descending=True)
    answer_step = ranked[rows, n]
    return object_ids[rows, answer_step]
