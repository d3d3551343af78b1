"""
exercise: 5.1
learner: weak
cause: the Python loop over the batch runs range(B - 1), so the last question is never answered and keeps the placeholder 0.
downstream: no
"""

import numpy as np
import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors = decoded.vectors.numpy()
    ids = decoded.object_ids.numpy()
    m = decoded.m.numpy()
    n = decoded.n.numpy()
    B = len(vectors)
    labels = torch.zeros(B, dtype=torch.long)
    for b in range(B - 1):
        position = list(ids[b]).index(m[b])
        distances = np.sqrt(((vectors[b] - vectors[b][position]) ** 2).sum(axis=1))
        order = np.argsort(-distances)
        labels[b] = int(ids[b][order[n[b]]])
    return labels
