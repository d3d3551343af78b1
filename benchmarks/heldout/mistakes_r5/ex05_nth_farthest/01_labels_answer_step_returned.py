"""
exercise: 5.1
learner: weak
cause: The function returns the time step at which the answer was shown (the index into the ranked steps), not the answer's object id; the objects arrive in a random order, so map the step back with decoded.object_ids[rows, answer_step].
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
    return ranked[rows, decoded.n]
