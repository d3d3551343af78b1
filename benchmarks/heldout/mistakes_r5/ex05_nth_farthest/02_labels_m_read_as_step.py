"""
exercise: 5.1
learner: careful
cause: m is an object id, but its vector is read at time step m; decode gives the vectors in the order shown, so first find the step where object m appeared (object_ids == m) and take the vector there.
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    rows = torch.arange(inputs.shape[0])
    m_vector = decoded.vectors[rows, decoded.m]  # [B, F]
    distances = (decoded.vectors - m_vector[:, None]).norm(dim=-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)
    answer_step = ranked[rows, decoded.n]
    return decoded.object_ids[rows, answer_step]
