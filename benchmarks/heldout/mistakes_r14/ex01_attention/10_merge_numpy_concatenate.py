"""
exercise: 1.3
learner: weak
cause: The heads are glued in NumPy after .detach().numpy(), so the merged tensor is cut from the graph (no gradient reaches the attention); do it with torch: attended.transpose(1, 2).reshape(B, N, H * d_v).
downstream: no
wrong_function: merge_heads
"""

import numpy as np
import torch


def merge_heads(attended):
    a = attended.detach().numpy()  # [B, H, N, d_v]
    heads = [a[:, h] for h in range(a.shape[1])]  # H arrays of [B, N, d_v]
    merged = np.concatenate(heads, axis=-1)  # [B, N, H*d_v]
    return torch.from_numpy(merged)
