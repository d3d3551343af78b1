"""
exercise: 5.1
learner: careful
cause: vectors[batch, object_ids] puts at row i the vector shown at step object_ids[i], treating ids as steps, which shuffles the rows again instead of sorting them by id; to put object i's vector at row i, index with the inverse order, object_ids.argsort(dim=1) (or scatter each step's vector to its id).
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    decoded = task.decode(inputs)
    batch = torch.arange(inputs.shape[0])
    # rows in object id order, so that row i is object i
    by_id = decoded.vectors[batch[:, None], decoded.object_ids]  # [B, T, F]
    m_vector = by_id[batch, decoded.m]  # [B, F]
    distances = (by_id - m_vector[:, None, :]).norm(dim=-1)  # [B, T], indexed by object id
    ranked = distances.argsort(dim=1, descending=True)  # object ids, farthest first
    return ranked[batch, decoded.n]
