"""
exercise: 5.1
learner: weak
cause: The column layout is typed in for the paper's 8 objects of 16 features; read the columns with task.decode(inputs) (or from task.num_features and task.num_objects) so any task size works.
downstream: no
"""

import torch


def nth_farthest_labels(task, inputs):
    vectors = inputs[:, :, :16]
    ids = inputs[:, :, 16:24].argmax(dim=-1)
    m = inputs[:, 0, 24:32].argmax(dim=-1)
    n = inputs[:, 0, 32:40].argmax(dim=-1)
    batch = torch.arange(inputs.shape[0])
    m_step = (ids == m[:, None]).int().argmax(dim=1)
    distance = (vectors - vectors[batch, m_step][:, None, :]).norm(dim=-1)
    ranked = distance.argsort(dim=1, descending=True)
    return ids[batch, ranked[batch, n]]
