"""
exercise: 5.1
learner: weak
cause: The function returns the time step at which the answer was shown, not the answer's object id; the objects arrive in a random order, so map the step back through object_ids (object_ids.gather(1, answer_step[:, None])).
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, object_ids, m, n = decoded.vectors, decoded.object_ids, decoded.m, decoded.n
    m_step = (object_ids == m[:, None]).float().argmax(dim=1)
    reference = vectors[torch.arange(vectors.shape[0]), m_step]
    distances = (vectors - reference[:, None, :]).norm(dim=-1)
    ranked = distances.argsort(dim=1, descending=True)
    return ranked.gather(1, n[:, None]).squeeze(1)
