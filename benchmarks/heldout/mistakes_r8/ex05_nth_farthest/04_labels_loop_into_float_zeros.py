"""
exercise: 5.1
learner: weak
cause: The labels are written one by one into torch.zeros(B), which is float32, so the ids come back as floats; the labels are class indices, so build them as int64 (torch.zeros(B, dtype=torch.long)) or compute them with tensor ops.
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, object_ids, m, n = decoded.vectors, decoded.object_ids, decoded.m, decoded.n
    B, T = object_ids.shape
    labels = torch.zeros(B)
    for b in range(B):
        for t in range(T):
            if object_ids[b, t] == m[b]:
                reference = vectors[b, t]
        distances = (vectors[b] - reference).norm(dim=-1)
        ranked = distances.argsort(descending=True)
        labels[b] = object_ids[b, ranked[n[b]]]
    return labels
