"""
exercise: 5.1
learner: weak
cause: ranked[:, n] with a whole batch of n takes, for every sequence, the columns asked by every question ([B, B]), and gather then keeps that shape; pair each row with its own n, ranked[torch.arange(B), n], to get one step per sequence.
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, object_ids, m, n = decoded.vectors, decoded.object_ids, decoded.m, decoded.n
    where_m = (object_ids == m.unsqueeze(1)).nonzero()[:, 1]  # [B] step of m
    m_vec = torch.stack([vectors[i, s] for i, s in enumerate(where_m)])  # [B, F]
    distances = torch.cdist(vectors, m_vec.unsqueeze(1)).squeeze(-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)
    answer_step = ranked[:, n]
    return torch.gather(object_ids, 1, answer_step)
