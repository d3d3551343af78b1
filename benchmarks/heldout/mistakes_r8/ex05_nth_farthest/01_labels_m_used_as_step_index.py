"""
exercise: 5.1
learner: weak
cause: m is an object id, but it is used as a time step (vectors[b, m]), so the reference vector is whichever object happened to be shown at step m; find the step that shows object m first (where object_ids == m) and take the vector there.
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, object_ids, m, n = decoded.vectors, decoded.object_ids, decoded.m, decoded.n
    reference = vectors[torch.arange(vectors.shape[0]), m]  # [B, F]
    distances = (vectors - reference[:, None, :]).norm(dim=-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)
    answer_step = ranked.gather(1, n[:, None]).squeeze(1)
    return object_ids.gather(1, answer_step[:, None]).squeeze(1).long()
