"""
exercise: 5.1
learner: careful
cause: object_ids[m] is the id shown at step m, not the step where object m is shown, so the wrong object serves as reference; find m's step with (object_ids == m).argmax(dim=1).
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    d = task.decode(inputs)
    batch = torch.arange(inputs.shape[0])
    m_step = d.object_ids[batch, d.m]  # where object m is
    ref = d.vectors[batch, m_step]
    dist = torch.linalg.vector_norm(d.vectors - ref[:, None, :], dim=-1)
    order = dist.argsort(dim=-1, descending=True)
    return d.object_ids[batch, order[batch, d.n]]
