"""
exercise: 5.1
learner: weak
cause: order[:, n] picks every question's rank for every batch element, giving a [B, B] result; index both axes together, order[torch.arange(B), n], to get one answer per question.
downstream: no
"""


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, ids = decoded.vectors, decoded.object_ids
    m_mask = (ids == decoded.m[:, None]).unsqueeze(-1)  # [B, T, 1]
    m_vector = (vectors * m_mask).sum(dim=1)  # [B, F]
    distances = (vectors - m_vector[:, None, :]).norm(dim=-1)
    order = distances.argsort(dim=1, descending=True)
    answer_position = order[:, decoded.n]
    return ids.gather(1, answer_position)
