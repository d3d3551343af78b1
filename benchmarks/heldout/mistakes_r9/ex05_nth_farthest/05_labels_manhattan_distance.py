"""
exercise: 5.1
learner: careful
cause: The distance is the sum of absolute differences (the L1, Manhattan distance), which can rank the objects differently from the Euclidean distance the task asks for; use the square root of the summed squared differences, (vectors - m_vector).norm(dim=-1).
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    batch = torch.arange(inputs.shape[0])
    is_m = decoded.object_ids == decoded.m[:, None]  # [B, T]
    m_vector = (decoded.vectors * is_m[..., None]).sum(dim=1)  # [B, F]
    distances = (decoded.vectors - m_vector[:, None, :]).abs().sum(dim=-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)  # [B, T]
    return decoded.object_ids[batch, ranked[batch, decoded.n]]
