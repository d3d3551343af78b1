"""
exercise: 5.1
learner: weak
cause: ranked[:, n] with n a [B] tensor picks columns n[0], n[1], ... for every row, a [B, B] table, not each question's own rank; pair every row with its own n, ranked[torch.arange(B), n], and the same for the object ids.
downstream: no
wrong_function: nth_farthest_labels
"""


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, object_ids = decoded.vectors, decoded.object_ids
    m_step = (object_ids == decoded.m[:, None]).float().argmax(dim=1)
    m_vector = vectors.gather(1, m_step[:, None, None].expand(-1, 1, vectors.shape[-1]))
    distances = (vectors - m_vector).norm(dim=-1)
    ranked = distances.argsort(dim=1, descending=True)
    answer_step = ranked[:, decoded.n]
    return object_ids.gather(1, answer_step)
