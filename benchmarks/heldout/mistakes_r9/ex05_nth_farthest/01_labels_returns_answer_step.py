"""
exercise: 5.1
learner: weak
cause: The function returns the time step at which the answer object was shown (its position in the sequence), not its object id; the objects arrive in a random order, so map the step back with decoded.object_ids[batch, step].
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    B = inputs.shape[0]
    idx = torch.arange(B)
    m_pos = (decoded.object_ids == decoded.m.unsqueeze(1)).int().argmax(dim=1)
    m_vec = decoded.vectors[idx, m_pos]  # [B, F]
    dist = torch.sqrt(((decoded.vectors - m_vec.unsqueeze(1)) ** 2).sum(dim=-1))  # [B, T]
    order = torch.argsort(dist, dim=1, descending=True)
    return order[idx, decoded.n]
