"""
exercise: 5.1
learner: careful
cause: The distance is the sum of absolute differences (L1, Manhattan), which can rank the objects differently from the Euclidean distance the task is defined with; use the 2-norm, (vectors - m's vector).norm(dim=-1).
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    vectors, object_ids, m, n = task.decode(inputs)  # [B, T, F], [B, T], [B], [B]
    rows = torch.arange(vectors.shape[0])
    m_step = (object_ids == m[:, None]).int().argmax(dim=1)  # [B]
    reference = vectors[rows, m_step]  # [B, F]
    distances = (vectors - reference[:, None, :]).abs().sum(dim=-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)  # [B, T]
    return object_ids[rows, ranked[rows, n]]
