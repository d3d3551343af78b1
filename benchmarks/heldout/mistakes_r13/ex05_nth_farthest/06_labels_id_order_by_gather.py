"""
exercise: 5.1
learner: careful
cause: To put the vectors in id order, vectors[b, object_ids[b]] applies the presentation order the wrong way round (it gives the vector shown at step id, not the vector of object id); use the inverse, vectors[b, object_ids[b].argsort()], or keep step order and map the answer step to its id.
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    batch = torch.arange(inputs.shape[0])
    by_id = decoded.vectors[batch.unsqueeze(1), decoded.object_ids]
    m_vector = by_id[batch, decoded.m]
    distances = (by_id - m_vector.unsqueeze(1)).norm(dim=-1)
    ranked_ids = distances.argsort(dim=1, descending=True)
    return ranked_ids[batch, decoded.n]
