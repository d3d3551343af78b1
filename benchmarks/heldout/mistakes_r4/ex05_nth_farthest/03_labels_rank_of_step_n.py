"""
exercise: 5.1
learner: careful
cause: argsort already lists the steps from farthest to nearest, so the answer's step is ranked[:, n]; searching for the value n in it returns the rank of step n instead (the inverse permutation).
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, ids = decoded.vectors, decoded.object_ids
    batch = torch.arange(vectors.shape[0])
    m_step = (ids == decoded.m[:, None]).int().argmax(dim=1)
    distance = (vectors - vectors[batch, m_step][:, None, :]).norm(dim=-1)
    ranked = distance.argsort(dim=1, descending=True)
    answer_step = (ranked == decoded.n[:, None]).int().argmax(dim=1)
    return ids[batch, answer_step]
