"""
exercise: 2.3
learner: careful
cause: The memory is detached because "it is not learned", but that only means its start value has no parameters; the memory at later steps depends on the weights and the gradient has to flow through it, so concatenate memory itself.
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> [B, N+1, F] with x̂ as the last row."""
    return torch.cat([memory.detach(), projected_input[:, None, :]], dim=1)
