"""
exercise: 5.1
learner: weak
cause: argsort sorts ascending by default, so index n picks the (n+1)-th nearest object (rank 0 is m itself), not the (n+1)-th farthest; sort with descending=True so rank 0 is the farthest.
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, object_ids, m, n = decoded.vectors, decoded.object_ids, decoded.m, decoded.n
    m_step = (object_ids == m[:, None]).float().argmax(dim=1)
    reference = vectors[torch.arange(vectors.shape[0]), m_step]
    distances = (vectors - reference[:, None, :]).norm(dim=-1)
    ranked = distances.argsort(dim=1)
    answer_step = ranked.gather(1, n[:, None]).squeeze(1)
    return object_ids.gather(1, answer_step[:, None]).squeeze(1)
