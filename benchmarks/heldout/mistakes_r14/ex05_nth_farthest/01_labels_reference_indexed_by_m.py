"""
exercise: 5.1
learner: weak
cause: m is an object id, not a time step, so vectors[batch, m] takes the vector shown at step m, which is another object whenever the order is shuffled; find the step that shows object m first (where object_ids == m) and take its vector.
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    decoded = task.decode(inputs)
    batch = torch.arange(inputs.shape[0])
    m_vector = decoded.vectors[batch, decoded.m]  # [B, F]
    distances = (decoded.vectors - m_vector[:, None, :]).norm(dim=-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)
    answer_step = ranked[batch, decoded.n]
    return decoded.object_ids[batch, answer_step]
