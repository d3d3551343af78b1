"""
exercise: 5.1
learner: weak
cause: m is an object id, not a time step, but vectors[batch, m] takes the vector shown at step m, which is another object whenever the order is shuffled; find the step where object_ids equals m and take that step's vector as the reference.
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors = decoded.vectors  # [B, T, F]
    batch = torch.arange(vectors.shape[0])
    reference = vectors[batch, decoded.m]  # [B, F] vector of object m
    distances = torch.linalg.norm(vectors - reference[:, None, :], dim=-1)  # [B, T]
    order = torch.argsort(distances, dim=-1, descending=True)
    return decoded.object_ids[batch, order[batch, decoded.n]]
