"""
exercise: 5.1
learner: careful
cause: gather with object_ids does not put the vectors in id order: it takes, at position i, the vector shown at step object_ids[i], so (whenever the order is not its own inverse) vectors get attached to the wrong ids; the vector of id k sits at the step where object_ids == k, so gather with object_ids.argsort(dim=1) (or skip the reordering and map the answer step back through object_ids).
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    B, T, F = decoded.vectors.shape
    # put the objects in id order, so row k is object k
    by_id = decoded.vectors.gather(1, decoded.object_ids.unsqueeze(-1).expand(B, T, F))  # [B, T, F]
    m_vector = by_id[torch.arange(B), decoded.m]  # [B, F]
    distances = torch.cdist(by_id, m_vector.unsqueeze(1)).squeeze(-1)  # [B, T]
    ranked_ids = distances.argsort(dim=-1, descending=True)  # [B, T], ids farthest first
    return ranked_ids.gather(1, decoded.n.unsqueeze(1)).squeeze(1)
