"""
exercise: 1.3
learner: weak
cause: The heads are merged in NumPy after .detach().numpy(), so the result is a new tensor cut off from the autograd graph and no gradient flows back through the attention; do it with torch operations, attended.transpose(1, 2).reshape(B, N, H * d_v).
downstream: no
wrong_function: merge_heads
"""

import numpy as np
import torch


def merge_heads(attended):
    heads = attended.detach().numpy()
    merged = np.concatenate([heads[:, h] for h in range(heads.shape[1])], axis=-1)
    return torch.from_numpy(merged)
