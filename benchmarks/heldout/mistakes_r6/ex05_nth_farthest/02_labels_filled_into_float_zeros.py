"""
exercise: 5.1
learner: weak
cause: The answers are written into torch.zeros(B), whose default dtype is float32, so the labels come back as floats instead of int64 class indices; create the buffer with dtype=torch.long (or build the labels from object_ids directly).
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    vectors, object_ids, m, n = task.decode(inputs)
    B = inputs.shape[0]
    labels = torch.zeros(B)
    for b in range(B):
        m_step = (object_ids[b] == m[b]).nonzero()[0, 0]
        distances = (vectors[b] - vectors[b, m_step]).norm(dim=-1)  # [T]
        ranked = distances.argsort(descending=True)
        labels[b] = object_ids[b, ranked[n[b]]]
    return labels
