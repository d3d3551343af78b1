"""The memory matrix, its initial value, and how the input meets it (lesson 2).

Memory is a matrix M of N slots (rows), each F = H * d_v units wide.

* Initial memory is *not* learned: for each batch element ``eye(N)`` padded with zero columns up
  to F (or truncated to F columns when N > F), so every slot starts out distinguishable.
* The input x_t is projected to the memory width, x̂ = W x_t + b, shape [B, F].
* ``input_mode="row"`` (the paper and Sonnet): x̂ is appended as one extra row,
  M̂ = [M; x̂] of shape [B, N+1, F]. Attention then lets every slot read the input *as an item*
  and the input row read the slots; the extra row is dropped after attention.
* ``input_mode="tile"`` (the course seed's cheat sheet): x̂ is concatenated to *every* slot along
  the feature axis, [M, x̂, ..., x̂] of shape [B, N, 2F]. Each slot's query, key and value then see
  the input, but attention runs over the N slots only: no slot can attend to the input as a
  separate item. Tiling is what the *gates* do with x̂ (one projection broadcast to all N slots);
  the paper does not do it for attention. Kept so a lesson can compare both.
"""

from __future__ import annotations

import torch
from torch import nn

from .shapes import check_positive_int, check_shape
from .sonnet_init import sonnet_linear_init

INPUT_MODES = ("row", "tile")


def initial_memory(
    batch_size: int,
    mem_slots: int,
    mem_size: int,
    *,
    dtype: torch.dtype | None = None,
    device: torch.device | str | None = None,
) -> torch.Tensor:
    """Identity memory: [B, N, F] with ``memory[b] = eye(N)`` padded / truncated to F columns."""
    check_positive_int("batch_size", batch_size)
    check_positive_int("mem_slots", mem_slots)
    check_positive_int("mem_size", mem_size)
    eye = torch.eye(mem_slots, dtype=dtype, device=device)  # [N, N]
    if mem_size > mem_slots:
        padding = torch.zeros(mem_slots, mem_size - mem_slots, dtype=eye.dtype, device=eye.device)
        eye = torch.cat([eye, padding], dim=1)  # [N, F]
    else:
        eye = eye[:, :mem_size]  # [N, F]
    return eye.unsqueeze(0).expand(batch_size, -1, -1).clone()  # [B, N, F]


class InputProjection(nn.Module):
    """x_t [B, input_size] -> x̂ [B, F]: one Linear to the memory width (Sonnet: ``basic.Linear(mem_size)``)."""

    def __init__(self, input_size: int, mem_size: int):
        super().__init__()
        self.input_size = check_positive_int("input_size", input_size)
        self.mem_size = check_positive_int("mem_size", mem_size)
        self.linear = sonnet_linear_init(nn.Linear(input_size, mem_size))

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        check_shape(
            "input x_t",
            inputs,
            ("B", self.input_size),
            hint="one time step per call; use unroll() for a [B, T, input_size] sequence",
        )
        return self.linear(inputs)  # [B, F]


def append_input_row(memory: torch.Tensor, projected_input: torch.Tensor) -> torch.Tensor:
    """Paper mode: [M; x̂], memory [B, N, F] and x̂ [B, F] -> [B, N+1, F] (input is the last row)."""
    check_shape("memory", memory, ("B", "N", "F"))
    check_shape(
        "projected input",
        projected_input,
        (memory.shape[0], memory.shape[2]),
        hint="the projected input must be as wide as a memory slot",
    )
    return torch.cat([memory, projected_input.unsqueeze(1)], dim=1)  # [B, N+1, F]


def tile_input(memory: torch.Tensor, projected_input: torch.Tensor) -> torch.Tensor:
    """Seed mode: concat x̂ to every slot, memory [B, N, F] and x̂ [B, F] -> [B, N, 2F]."""
    check_shape("memory", memory, ("B", "N", "F"))
    check_shape(
        "projected input",
        projected_input,
        (memory.shape[0], memory.shape[2]),
        hint="the projected input must be as wide as a memory slot",
    )
    tiled = projected_input.unsqueeze(1).expand(-1, memory.shape[1], -1)  # [B, N, F]
    return torch.cat([memory, tiled], dim=-1)  # [B, N, 2F]
