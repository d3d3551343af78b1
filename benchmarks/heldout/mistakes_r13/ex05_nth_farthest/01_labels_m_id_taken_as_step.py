"""
exercise: 5.1
learner: weak
cause: m is an object id, not a time step: the objects are shown in a random order, so vectors[:, m] is the vector shown at step m, generally another object; find the step whose object_ids equals m and take m's vector from there.
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors = decoded.vectors
    batch = torch.arange(vectors.shape[0])
    m_vector = vectors[batch, decoded.m]
    distances = (vectors - m_vector.unsqueeze(1)).norm(dim=-1)
    ranked = distances.argsort(dim=1, descending=True)
    answer_step = ranked[batch, decoded.n]
    return decoded.object_ids[batch, answer_step]
