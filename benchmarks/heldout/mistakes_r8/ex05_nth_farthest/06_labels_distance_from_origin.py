"""
exercise: 5.1
learner: careful
cause: The objects are ranked by their own length (distance from the origin), m's vector is never subtracted; the question is about the distance from object m, so rank (vectors - m's vector).norm(dim=-1).
downstream: no
"""


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, object_ids, n = decoded.vectors, decoded.object_ids, decoded.n
    distances = vectors.norm(dim=-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)
    answer_step = ranked.gather(1, n[:, None]).squeeze(1)
    return object_ids.gather(1, answer_step[:, None]).squeeze(1)
