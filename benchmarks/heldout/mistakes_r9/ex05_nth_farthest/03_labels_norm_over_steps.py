"""
exercise: 5.1
learner: weak
cause: The norm is taken over dim=1, the time-step axis, so each 'distance' mixes all objects for one feature ([B, F] instead of [B, T]); take the norm over the feature axis, dim=-1, to get one distance per object.
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    b = torch.arange(inputs.size(0))
    m_step = torch.argmax((decoded.object_ids == decoded.m.view(-1, 1)).float(), dim=1)
    m_vector = decoded.vectors[b, m_step]
    diff = decoded.vectors - m_vector.unsqueeze(1)
    distance = diff.norm(dim=1)
    ranked = distance.argsort(dim=1, descending=True)
    return decoded.object_ids[b, ranked[b, decoded.n]]
