"""
exercise: 5.1
learner: weak
cause: gather keeps the axis it indexes, so the labels come back [B, 1] instead of [B]; squeeze(1) the result (or index with object_ids[batch, step]).
downstream: no
"""


def nth_farthest_labels(task, inputs):
    vectors, object_ids, m, n = task.decode(inputs)
    m_step = (object_ids == m[:, None]).int().argmax(dim=1, keepdim=True)  # [B, 1]
    m_vector = vectors.gather(1, m_step[:, :, None].expand(-1, -1, vectors.shape[-1]))  # [B, 1, F]
    distances = (vectors - m_vector).norm(dim=-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)
    answer_step = ranked.gather(1, n[:, None])  # [B, 1]
    return object_ids.gather(1, answer_step)
