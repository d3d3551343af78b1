"""
exercise: 5.1
learner: careful
cause: Setting m's own distance to infinity (the nearest-neighbour way to leave a point out) makes m the farthest object, so every rank shifts by one; with farthest first, m needs no special case: its distance 0 already puts it at the last rank.
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, object_ids, m, n = decoded.vectors, decoded.object_ids, decoded.m, decoded.n
    is_m = object_ids == m.unsqueeze(1)  # [B, T]
    reference = (vectors * is_m.unsqueeze(-1)).sum(dim=1)  # [B, F]
    distances = (vectors - reference.unsqueeze(1)).norm(dim=-1)  # [B, T]
    distances = distances.masked_fill(is_m, float("inf"))  # m is not compared with itself
    ranked = distances.argsort(dim=1, descending=True)  # [B, T]
    answer_step = ranked.gather(1, n.unsqueeze(1)).squeeze(1)  # [B]
    return object_ids.gather(1, answer_step.unsqueeze(1)).squeeze(1)
