"""Parameter initialisation as in Sonnet v1, the paper's published code."""

from __future__ import annotations

import math

import torch
from torch import nn


@torch.no_grad()
def sonnet_linear_init(linear: nn.Linear) -> nn.Linear:
    """Weights ~ truncated normal (std 1/sqrt(fan_in), cut at 2 std), biases 0: ``snt.Linear``'s default."""
    std = 1.0 / math.sqrt(linear.in_features)
    nn.init.trunc_normal_(linear.weight, mean=0.0, std=std, a=-2 * std, b=2 * std)
    if linear.bias is not None:
        linear.bias.zero_()
    return linear
