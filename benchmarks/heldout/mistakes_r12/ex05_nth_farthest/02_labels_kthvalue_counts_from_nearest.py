"""
exercise: 5.1
learner: weak
cause: torch.kthvalue returns the k-th smallest value, so kthvalue(dist, n + 1) picks the (n+1)-th nearest object, not the (n+1)-th farthest; rank farthest first (argsort(descending=True), or k = T - n with kthvalue).
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    vectors, object_ids, m, n = task.decode(inputs)
    labels = []
    for b in range(inputs.shape[0]):
        m_step = (object_ids[b] == m[b]).nonzero()[0, 0]
        dist = torch.sqrt(((vectors[b] - vectors[b, m_step]) ** 2).sum(dim=-1))  # [T]
        step = torch.kthvalue(dist, int(n[b]) + 1).indices
        labels.append(object_ids[b, step])
    return torch.stack(labels)
