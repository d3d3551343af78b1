"""
exercise: 5.1
learner: weak
cause: Python's built-in sum iterates a tensor over its first axis, so sum((vectors[b] - ref) ** 2) adds up the steps and gives one number per feature, not one distance per object; sum over the features, .sum(dim=-1), before the square root.
downstream: no
wrong_function: nth_farthest_labels
"""

import torch


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    labels = []
    for b in range(inputs.shape[0]):
        ids = decoded.object_ids[b].tolist()
        ref = decoded.vectors[b][ids.index(int(decoded.m[b]))]
        dist = sum((decoded.vectors[b] - ref) ** 2) ** 0.5
        ranking = torch.argsort(dist, descending=True)
        labels.append(ids[ranking[int(decoded.n[b])]])
    return torch.tensor(labels)
