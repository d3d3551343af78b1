"""
exercise: 2.1
learner: careful
cause: The memory is laid out slots first, [N, B, F], like an nn.LSTM state [layers, batch, hidden]; the RMC's memory puts the batch first, [B, N, F], so put the copies on axis 0 (eye.unsqueeze(0).repeat(batch_size, 1, 1)).
downstream: no
"""

import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)
    return eye[:, None, :].repeat(1, batch_size, 1)
