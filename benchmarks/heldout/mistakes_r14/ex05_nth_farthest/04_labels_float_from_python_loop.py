"""
exercise: 5.1
learner: weak
cause: The answers are written into torch.zeros(B), which is float32, so the labels come back as floats, not the int64 ids asked for; create the result with dtype=torch.long (or collect the ids and build the tensor from them).
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    decoded = task.decode(inputs)
    B = inputs.shape[0]
    labels = torch.zeros(B)
    for b in range(B):
        ids = decoded.object_ids[b]
        m_step = (ids == decoded.m[b]).nonzero()[0, 0]
        distances = (decoded.vectors[b] - decoded.vectors[b, m_step]).norm(dim=-1)
        order = distances.argsort(descending=True)
        labels[b] = ids[order[decoded.n[b]]]
    return labels
