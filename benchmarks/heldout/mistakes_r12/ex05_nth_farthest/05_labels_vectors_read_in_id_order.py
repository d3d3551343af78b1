"""
exercise: 5.1
learner: careful
cause: The decoded vectors are taken to be in object-id order, so vectors[:, m] is used as m's vector and the ranked step index is returned as the id; they are in the order shown: find m's step with object_ids == m, and turn the answer's step into its id with object_ids.
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    vectors, object_ids, m, n = task.decode(inputs)  # [B, T, F], [B, T], [B], [B]
    rows = torch.arange(vectors.shape[0])
    reference = vectors[rows, m]  # [B, F]
    distances = (vectors - reference[:, None, :]).norm(dim=-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)  # [B, T], farthest first
    return ranked[rows, n]
