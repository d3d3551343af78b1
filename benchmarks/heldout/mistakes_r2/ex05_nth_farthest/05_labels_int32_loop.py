"""
exercise: 5.1
learner: weak
cause: The labels tensor is created with dtype=torch.int (int32), but class labels must be int64; create it with dtype=torch.long (or torch.int64).
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    B, T, _ = decoded.vectors.shape
    labels = torch.zeros(B, dtype=torch.int)
    for b in range(B):
        ids = decoded.object_ids[b]
        m_vector = decoded.vectors[b][ids == decoded.m[b]][0]
        distances = ((decoded.vectors[b] - m_vector) ** 2).sum(dim=-1).sqrt()
        order = torch.argsort(distances, descending=True)
        labels[b] = ids[order[decoded.n[b]]]
    return labels
