"""
exercise: 5.1
learner: weak
cause: The ranking gives time steps, and the step at rank n is returned as the label, but the label is the object id shown at that step; look it up with object_ids[batch, step].
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    B = inputs.shape[0]
    batch = torch.arange(B)
    is_m = decoded.object_ids == decoded.m.view(B, 1)  # [B, T]
    m_step = is_m.long().argmax(dim=1)  # [B]
    m_vector = decoded.vectors[batch, m_step]  # [B, F]
    dist = ((decoded.vectors - m_vector.unsqueeze(1)) ** 2).sum(-1).sqrt()  # [B, T]
    ranking = dist.argsort(dim=1, descending=True)  # [B, T]
    return ranking[batch, decoded.n]
