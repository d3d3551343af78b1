"""
exercise: 5.1
learner: careful
cause: `.int()` makes the labels int32, while class labels for cross-entropy (and the spec) are int64.
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, ids = decoded.vectors, decoded.object_ids
    batch = torch.arange(vectors.shape[0])
    m_position = (ids == decoded.m[:, None]).float().argmax(dim=1)
    m_vector = vectors[batch, m_position]
    distances = (vectors - m_vector[:, None, :]).norm(dim=-1)
    order = distances.argsort(dim=1, descending=True)
    answer_position = order.gather(1, decoded.n[:, None]).squeeze(1)
    return ids.gather(1, answer_position[:, None]).squeeze(1).int()  # ids are small numbers
