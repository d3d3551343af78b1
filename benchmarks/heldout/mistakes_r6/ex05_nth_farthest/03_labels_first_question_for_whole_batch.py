"""
exercise: 5.1
learner: weak
cause: m and n are taken from the first question only (int(decoded.m[0]), int(decoded.n[0]), as in the lesson's one-question plot) and used for every sequence of the batch; every batch element has its own m and n, so index them per element, decoded.m[:, None] and decoded.n.
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    m = int(decoded.m[0])
    n = int(decoded.n[0])
    batch = torch.arange(inputs.shape[0])
    m_step = (decoded.object_ids == m).int().argmax(dim=1)  # [B]
    m_vector = decoded.vectors[batch, m_step]  # [B, F]
    distances = (decoded.vectors - m_vector[:, None, :]).norm(dim=-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)
    return decoded.object_ids[batch, ranked[:, n]]
