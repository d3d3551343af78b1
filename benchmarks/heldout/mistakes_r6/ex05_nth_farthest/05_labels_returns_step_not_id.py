"""
exercise: 5.1
learner: careful
cause: The function returns the time step at which the answer was shown, not the object's id; the objects arrive in a random order, so map the step through object_ids (object_ids[batch, step]).
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    vectors, object_ids, m, n = task.decode(inputs)
    batch = torch.arange(vectors.shape[0])
    m_step = (object_ids == m[:, None]).int().argmax(dim=1)
    m_vector = vectors[batch, m_step]  # [B, F]
    distances = (vectors - m_vector[:, None, :]).norm(dim=-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)
    return ranked[batch, n]
