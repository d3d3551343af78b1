"""
exercise: 5.1
learner: careful
cause: The distance is the sum of absolute differences (Manhattan, L1), which ranks objects differently from the Euclidean distance the task uses; take the square root of the summed squares, (vectors - reference).norm(dim=-1).
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, object_ids = decoded.vectors, decoded.object_ids
    batch = torch.arange(vectors.shape[0])
    step_of_m = (object_ids == decoded.m.unsqueeze(1)).float().argmax(dim=1)  # [B]
    reference = vectors[batch, step_of_m]  # [B, F]
    distances = (vectors - reference.unsqueeze(1)).abs().sum(dim=-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)  # [B, T] farthest first
    return object_ids[batch, ranked[batch, decoded.n]]
