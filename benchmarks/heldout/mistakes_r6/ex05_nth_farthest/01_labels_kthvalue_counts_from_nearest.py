"""
exercise: 5.1
learner: weak
cause: torch.kthvalue(k) returns the k-th smallest value, so kthvalue(n + 1) picks the (n+1)-th nearest object (m itself for n = 0), not the (n+1)-th farthest; rank farthest first, e.g. argsort(descending=True) and take index n (or kthvalue(T - n)).
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    labels = []
    for b in range(inputs.shape[0]):
        m_step = int((decoded.object_ids[b] == decoded.m[b]).nonzero()[0, 0])
        distances = (decoded.vectors[b] - decoded.vectors[b, m_step]).norm(dim=-1)  # [T]
        _, step = distances.kthvalue(int(decoded.n[b]) + 1)
        labels.append(decoded.object_ids[b, step])
    return torch.stack(labels)
