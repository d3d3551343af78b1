"""
exercise: 5.1
learner: careful
cause: The features are standardised over the objects before measuring distances, which rescales each feature differently and can change which object is farthest; the task ranks by the Euclidean distance between the raw vectors, so use decoded.vectors as they are.
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, object_ids = decoded.vectors, decoded.object_ids
    vectors = (vectors - vectors.mean(dim=1, keepdim=True)) / (vectors.std(dim=1, keepdim=True) + 1e-6)
    batch = torch.arange(vectors.shape[0])
    m_step = (object_ids == decoded.m.unsqueeze(1)).long().argmax(dim=1)
    m_vector = vectors[batch, m_step]
    distances = (vectors - m_vector.unsqueeze(1)).norm(dim=-1)
    ranked = distances.argsort(dim=1, descending=True)
    return object_ids[batch, ranked[batch, decoded.n]]
