"""
exercise: 5.1
learner: careful
cause: gather(1, object_ids) does not put the vectors in id order: row k becomes the vector shown at step object_ids[k], not the vector of object k; the id order needs the inverse permutation (gather with object_ids.argsort(dim=1), or scatter the vectors to their ids).
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    decoded = task.decode(inputs)
    vectors, object_ids = decoded.vectors, decoded.object_ids  # [B, T, F], [B, T]
    B, T, F = vectors.shape
    # vectors in id order: by_id[b, k] is the vector of object k
    by_id = vectors.gather(1, object_ids.unsqueeze(-1).expand(B, T, F))  # [B, T, F]
    m_vector = by_id[torch.arange(B), decoded.m]  # [B, F]
    distances = (by_id - m_vector[:, None]).norm(dim=-1)  # [B, T] one per object id
    ranked = distances.argsort(dim=1, descending=True)  # [B, T] object ids, farthest first
    return ranked[torch.arange(B), decoded.n]
