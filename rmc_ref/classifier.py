"""A sequence classifier: any recurrent core, then an MLP on its last output (the paper's read-out).

Both models of the showdown use this same head, so only the core differs.
"""

from __future__ import annotations

import inspect
from typing import Sequence

import torch
from torch import nn

from .shapes import check_positive_int, check_shape
from .sonnet_init import sonnet_linear_init


def mlp_head(in_features: int, hidden_sizes: Sequence[int], num_classes: int) -> nn.Sequential:
    """Linear layers in_features -> *hidden_sizes -> num_classes with ReLU between them."""
    sizes = [in_features, *hidden_sizes, num_classes]
    layers: list[nn.Module] = []
    for index, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        if index > 0:
            layers.append(nn.ReLU())
        layers.append(sonnet_linear_init(nn.Linear(fan_in, fan_out)))
    return nn.Sequential(*layers)


def head_parameter_count(in_features: int, hidden_sizes: Sequence[int], num_classes: int) -> int:
    sizes = [in_features, *hidden_sizes, num_classes]
    return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))


class SequenceClassifier(nn.Module):
    """logits [B, num_classes] = head(core.unroll(x)[0][:, -1]) for x [B, T, input_size]."""

    def __init__(self, core: nn.Module, num_classes: int, hidden_sizes: Sequence[int] = (256,)):
        super().__init__()
        self.core = core
        self.num_classes = check_positive_int("num_classes", num_classes)
        self.hidden_sizes = tuple(check_positive_int("hidden size", h) for h in hidden_sizes)
        self.head = mlp_head(core.output_size, self.hidden_sizes, num_classes)

    def forward(self, inputs: torch.Tensor, return_attention: bool = False):
        check_shape("input sequence x", inputs, ("B", "T", self.core.input_size))
        if return_attention and "return_attention" not in inspect.signature(self.core.unroll).parameters:
            raise ValueError(
                f"return_attention=True needs a core with attention (RelationalMemory); "
                f"this classifier's core is a {type(self.core).__name__}, which has none"
            )
        if return_attention:
            outputs, _, attention = self.core.unroll(inputs, return_attention=True)
            return self.head(outputs[:, -1]), attention  # [B, C], [B, T, blocks, H, Nq, Nk]
        outputs, _ = self.core.unroll(inputs)  # [B, T, core.output_size]
        return self.head(outputs[:, -1])  # [B, C]
