"""
exercise: 5.1
learner: weak
cause: The ranking gives the time step at which the answer was shown, and that step is returned as the label; the label is the object id, so look it up with object_ids at that step.
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, object_ids = decoded.vectors, decoded.object_ids
    batch = torch.arange(vectors.shape[0])
    m_step = (object_ids == decoded.m.unsqueeze(1)).long().argmax(dim=1)
    m_vector = vectors[batch, m_step]
    distances = (vectors - m_vector.unsqueeze(1)).norm(dim=-1)
    ranked = distances.argsort(dim=1, descending=True)
    return ranked[batch, decoded.n]
