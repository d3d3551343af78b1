"""
exercise: 5.1
learner: weak
cause: gather keeps the index's extra axis, so the labels come back as [B, 1] instead of [B]; squeeze(1) the result of the last gather (or index with [rows, step]).
downstream: no
"""


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    step_of_m = (decoded.object_ids == decoded.m[:, None]).float().argmax(dim=1, keepdim=True)  # [B, 1]
    m_vector = decoded.vectors.gather(1, step_of_m[..., None].expand(-1, -1, decoded.vectors.shape[-1]))  # [B, 1, F]
    distances = (decoded.vectors - m_vector).norm(dim=-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)
    answer_step = ranked.gather(1, decoded.n[:, None])  # [B, 1]
    return decoded.object_ids.gather(1, answer_step)
