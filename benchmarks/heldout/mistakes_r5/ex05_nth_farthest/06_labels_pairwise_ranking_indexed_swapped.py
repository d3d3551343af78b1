"""
exercise: 5.1
learner: careful
cause: The [B, T, T] ranking holds, for each step (axis 1), the other steps farthest first (axis 2), but it is read as ranked[rows, n, step_of_m], the position of m in the ranking of step n; take ranked[rows, step_of_m, n], rank n in the row of m.
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    rows = torch.arange(inputs.shape[0])
    step_of_m = (decoded.object_ids == decoded.m[:, None]).float().argmax(dim=1)
    pairwise = torch.cdist(decoded.vectors, decoded.vectors)  # [B, T, T]
    ranked = pairwise.argsort(dim=-1, descending=True)  # [B, T (from), T (ranked steps)]
    answer_step = ranked[rows, decoded.n, step_of_m]
    return decoded.object_ids[rows, answer_step]
