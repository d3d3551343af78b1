"""
exercise: 5.1
learner: weak
cause: .int() casts the ids to int32, but labels are int64 (what cross_entropy and the task's labels use); drop the cast (the ids already are int64) or use .long().
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    rows = torch.arange(inputs.shape[0])
    step_of_m = (decoded.object_ids == decoded.m[:, None]).float().argmax(dim=1)
    m_vector = decoded.vectors[rows, step_of_m]
    distances = (decoded.vectors - m_vector[:, None]).norm(dim=-1)
    ranked = distances.argsort(dim=1, descending=True)
    answer_step = ranked[rows, decoded.n]
    return decoded.object_ids[rows, answer_step].int()
