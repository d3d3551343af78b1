"""
exercise: 5.1
learner: weak
cause: kthvalue(k) returns the k-th smallest value, so kthvalue(n + 1) picks the (n+1)-th nearest object, not the (n+1)-th farthest; rank by descending distance (argsort(descending=True)) and take rank n, or use kthvalue(T - n).
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    decoded = task.decode(inputs)
    labels = []
    for b in range(inputs.shape[0]):
        vectors = decoded.vectors[b]  # [T, F]
        ids = decoded.object_ids[b]  # [T]
        m_vector = vectors[ids == decoded.m[b]][0]  # [F]
        distances = torch.sqrt(((vectors - m_vector) ** 2).sum(dim=-1))  # [T]
        _, step = distances.kthvalue(int(decoded.n[b]) + 1)
        labels.append(ids[step])
    return torch.stack(labels)
