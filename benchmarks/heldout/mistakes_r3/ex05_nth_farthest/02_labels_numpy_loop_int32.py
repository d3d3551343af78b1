"""
exercise: 5.1
learner: weak
cause: The answers are right but returned as int32 (dtype=torch.int32 in the final tensor); labels must be int64, so build them with dtype=torch.long (or .long()).
downstream: no
"""

import numpy as np
import torch


def nth_farthest_labels(task, inputs):
    d = task.decode(inputs)
    answers = []
    for b in range(inputs.shape[0]):
        vectors = d.vectors[b].numpy()
        ids = d.object_ids[b].numpy()
        ref = vectors[np.where(ids == int(d.m[b]))[0][0]]
        dist = np.sqrt(((vectors - ref) ** 2).sum(axis=1))
        order = np.argsort(-dist)
        answers.append(ids[order[int(d.n[b])]])
    return torch.tensor(answers, dtype=torch.int32)
