"""
exercise: 5.1
learner: weak
cause: The labels are written into torch.zeros(B), which is float32, so the ids come back as floats; the labels must be int64 (make the buffer with dtype=torch.long, or build the result from object_ids without a loop).
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    B = inputs.shape[0]
    labels = torch.zeros(B)
    for b in range(B):
        ids = decoded.object_ids[b].tolist()
        m_vector = decoded.vectors[b, ids.index(int(decoded.m[b]))]
        distances = torch.sqrt(((decoded.vectors[b] - m_vector) ** 2).sum(dim=1))
        order = torch.argsort(distances, descending=True)
        labels[b] = ids[int(order[int(decoded.n[b])])]
    return labels
