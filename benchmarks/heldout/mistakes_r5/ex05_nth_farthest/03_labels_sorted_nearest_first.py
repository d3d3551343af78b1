"""
exercise: 5.1
learner: weak
cause: argsort sorts ascending, so rank n is counted from the nearest object (n = 0 answers m itself); the ranks go farthest first, so sort with descending=True before taking rank n.
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    rows = torch.arange(inputs.shape[0])
    step_of_m = (decoded.object_ids == decoded.m[:, None]).float().argmax(dim=1)
    m_vector = decoded.vectors[rows, step_of_m]
    distances = (decoded.vectors - m_vector[:, None]).norm(dim=-1)
    ranked = distances.argsort(dim=1)
    answer_step = ranked[rows, decoded.n]
    return decoded.object_ids[rows, answer_step]
