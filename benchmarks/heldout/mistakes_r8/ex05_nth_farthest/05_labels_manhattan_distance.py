"""
exercise: 5.1
learner: careful
cause: The distance is the sum of absolute differences (L1, Manhattan), but the task ranks objects by Euclidean distance, and the two orders differ; use the L2 norm, (vectors - reference).norm(dim=-1).
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, object_ids, m, n = decoded.vectors, decoded.object_ids, decoded.m, decoded.n
    m_step = (object_ids == m[:, None]).float().argmax(dim=1)
    reference = vectors[torch.arange(vectors.shape[0]), m_step]
    distances = (vectors - reference[:, None, :]).abs().sum(dim=-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)
    answer_step = ranked.gather(1, n[:, None]).squeeze(1)
    return object_ids.gather(1, answer_step[:, None]).squeeze(1)
