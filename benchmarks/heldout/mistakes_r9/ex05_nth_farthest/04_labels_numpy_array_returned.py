"""
exercise: 5.1
learner: weak
cause: The labels are computed in NumPy and returned as a NumPy array, but the function must return a torch tensor [B] of int64; convert at the end with torch.from_numpy(labels) (or keep the computation in torch).
downstream: no
wrong_function: nth_farthest_labels
"""

import numpy as np


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors = decoded.vectors.numpy()
    ids = decoded.object_ids.numpy()
    m = decoded.m.numpy()
    n = decoded.n.numpy()
    labels = np.zeros(len(m), dtype=np.int64)
    for i in range(len(m)):
        m_vector = vectors[i][ids[i] == m[i]][0]
        dist = np.linalg.norm(vectors[i] - m_vector, axis=1)
        order = np.argsort(-dist)
        labels[i] = ids[i][order[n[i]]]
    return labels
