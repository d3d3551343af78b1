"""
exercise: 5.1
learner: careful
cause: m is read as a time step, so the reference vector is the one shown at step m rather than the vector of object m; m is an object id, so first find the step where object_ids equals m and take the vector shown there.
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    decoded = task.decode(inputs)
    vectors, object_ids = decoded.vectors, decoded.object_ids  # [B, T, F], [B, T]
    batch = torch.arange(vectors.shape[0])
    reference = vectors[batch, decoded.m]  # [B, F]
    distances = (vectors - reference.unsqueeze(1)).norm(dim=-1)  # [B, T]
    ranked = distances.argsort(dim=-1, descending=True)  # [B, T]
    answer_step = ranked[batch, decoded.n]  # [B]
    return object_ids[batch, answer_step]
