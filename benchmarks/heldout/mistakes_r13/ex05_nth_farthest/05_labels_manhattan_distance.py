"""
exercise: 5.1
learner: careful
cause: The distance is the sum of absolute differences (L1, Manhattan), which can order the objects differently from the Euclidean distance the task asks for; use the square root of the summed squares, (vectors - m's vector).norm(dim=-1).
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
    distances = (vectors - m_vector.unsqueeze(1)).abs().sum(dim=-1)
    ranked = distances.argsort(dim=1, descending=True)
    return object_ids[batch, ranked[batch, decoded.n]]
