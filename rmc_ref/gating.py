"""LSTM-style gates that decide how much of the attended memory to keep (lesson 3).

Paper (eqs. 3-8) and Sonnet's ``_create_gates``, with x̂ the projected input and M the memory
*before* this step:

    [i; f] = W_x x̂ + W_m tanh(M)              # per slot; x̂'s term is broadcast to all N slots
    i = σ(i + input_bias),  f = σ(f + forget_bias)
    M' = i ⊙ tanh(M̃) + f ⊙ M                  # M̃ = memory after attention and MLP

``input_bias`` and ``forget_bias`` are constants added on top of the Linear layers' own learned
biases (forget_bias = 1 keeps memory by default early in training, as for LSTMs). Their one home
is the ``Gates`` module: ``RelationalMemory.forget_bias`` / ``input_bias`` read and write it, and
a new value takes effect at the next step.

Gate width G: ``"unit"`` = F (one gate per memory unit), ``"memory"`` = 1 (one gate per slot,
broadcast over its F units). ``None`` means no gates at all: M' = M̃.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from .shapes import check_positive_int, check_shape
from .sonnet_init import sonnet_linear_init

GATE_STYLES = ("unit", "memory", None)
# The one home of the bias constants' defaults (RelationalMemory and LSTMBaseline use these).
DEFAULT_FORGET_BIAS = 1.0
DEFAULT_INPUT_BIAS = 0.0


def check_bias(name: str, value) -> float:
    """A bias constant as a finite ``float``; ``ValueError`` naming it otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)


def gate_size(gate_style: str | None, mem_size: int) -> int:
    """Number of gate units per slot: F for 'unit', 1 for 'memory', 0 for None."""
    if gate_style == "unit":
        return mem_size
    if gate_style == "memory":
        return 1
    if gate_style is None:
        return 0
    raise ValueError(f"gate_style must be one of 'unit', 'memory' or None, got {gate_style!r}")


class Gates(nn.Module):
    """Input and forget gates: (x̂ [B, F], memory [B, N, F]) -> (i, f), each [B, N, G]."""

    def __init__(
        self,
        mem_size: int,
        gate_style: str = "unit",
        forget_bias: float = DEFAULT_FORGET_BIAS,
        input_bias: float = DEFAULT_INPUT_BIAS,
    ):
        super().__init__()
        if gate_style is None:
            raise ValueError("Gates needs gate_style 'unit' or 'memory'; with None, build no Gates")
        self.mem_size = check_positive_int("mem_size", mem_size)
        self.gate_style = gate_style
        self.gate_size = gate_size(gate_style, mem_size)
        self.forget_bias = forget_bias
        self.input_bias = input_bias
        self.input_to_gates = sonnet_linear_init(nn.Linear(mem_size, 2 * self.gate_size))
        self.memory_to_gates = sonnet_linear_init(nn.Linear(mem_size, 2 * self.gate_size))

    # The constants are read at every forward call, so changing them on a built module (or through
    # RelationalMemory.forget_bias, which delegates here) changes the very next step.
    @property
    def forget_bias(self) -> float:
        return self._forget_bias

    @forget_bias.setter
    def forget_bias(self, value: float) -> None:
        self._forget_bias = check_bias("forget_bias", value)

    @property
    def input_bias(self) -> float:
        return self._input_bias

    @input_bias.setter
    def input_bias(self, value: float) -> None:
        self._input_bias = check_bias("input_bias", value)

    def forward(self, projected_input: torch.Tensor, memory: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        check_shape("memory", memory, ("B", "N", self.mem_size))
        check_shape("projected input", projected_input, (memory.shape[0], self.mem_size))
        from_input = self.input_to_gates(projected_input).unsqueeze(1)  # [B, 1, 2G]
        from_memory = self.memory_to_gates(torch.tanh(memory))  # [B, N, 2G]
        input_gate, forget_gate = (from_memory + from_input).split(self.gate_size, dim=-1)
        input_gate = torch.sigmoid(input_gate + self.input_bias)  # [B, N, G]
        forget_gate = torch.sigmoid(forget_gate + self.forget_bias)  # [B, N, G]
        return input_gate, forget_gate


def apply_gates(
    attended_memory: torch.Tensor, memory: torch.Tensor, input_gate: torch.Tensor, forget_gate: torch.Tensor
) -> torch.Tensor:
    """M' = i ⊙ tanh(M̃) + f ⊙ M; gates [B, N, G] with G = F (per unit) or G = 1 (per slot, broadcast over F)."""
    check_shape("memory M", memory, ("B", "N", "F"))
    check_shape(
        "attended memory M̃",
        attended_memory,
        tuple(memory.shape),
        hint="the memory after attention must keep the memory's shape (drop the input row first)",
    )
    batch, slots, width = memory.shape
    check_shape(
        "input gate i",
        input_gate,
        (batch, slots, "G"),
        hint="one gate row per memory slot, from Gates(...)(projected_input, memory)",
    )
    if input_gate.shape[-1] not in (width, 1):
        raise ValueError(
            f"input gate i must have shape [{batch}, {slots}, {width}] ('unit') or "
            f"[{batch}, {slots}, 1] ('memory'), got {list(input_gate.shape)}"
        )
    check_shape(
        "forget gate f",
        forget_gate,
        tuple(input_gate.shape),
        hint="both gates come from the same Gates module and have the same shape",
    )
    return input_gate * torch.tanh(attended_memory) + forget_gate * memory  # [B, N, F]
