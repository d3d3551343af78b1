"""The LSTM baseline and a helper that sizes it to a given parameter budget (lesson 5).

A fair comparison gives both models about the same number of parameters, the same task, the
same classifier head, optimiser, steps and seeds. ``matched_lstm_hidden_size`` is the LSTM hidden
size whose parameter count is closest to a given RMC core's (or whole classifier's):
``LSTMBaseline(core.input_size, matched_lstm_hidden_size(core))``.
"""

from __future__ import annotations

import torch
from torch import nn

from .gating import DEFAULT_FORGET_BIAS, check_bias
from .shapes import check_dtype_device, check_positive_int, check_shape


def count_parameters(module: nn.Module) -> int:
    """Number of trainable scalars."""
    return sum(p.numel() for p in module.parameters() if p.requires_grad)


def lstm_parameter_count(input_size: int, hidden_size: int, num_layers: int = 1) -> int:
    """Parameters of ``torch.nn.LSTM``: per layer 4 gates x (W_ih, W_hh, b_ih, b_hh)."""
    total = 0
    for layer in range(num_layers):
        layer_input = input_size if layer == 0 else hidden_size
        total += 4 * hidden_size * (layer_input + hidden_size + 2)
    return total


class LSTMBaseline(nn.Module):
    """A stacked LSTM with the same interface as ``RelationalMemory``.

    ``forward(x_t [B, input_size], state) -> (output [B, hidden], state)``,
    ``unroll(x [B, T, input_size], state=None) -> (outputs [B, T, hidden], state)``,
    state = (h, c), each [num_layers, B, hidden]. ``forget_bias`` (1.0, as Sonnet's LSTM and the
    RMC's gates) is added to the forget-gate bias at initialisation.
    """

    def __init__(
        self, input_size: int, hidden_size: int, num_layers: int = 1, forget_bias: float = DEFAULT_FORGET_BIAS
    ):
        super().__init__()
        self.input_size = check_positive_int("input_size", input_size)
        self.hidden_size = check_positive_int("hidden_size", hidden_size)
        self.num_layers = check_positive_int("num_layers", num_layers)
        forget_bias = check_bias("forget_bias", forget_bias)
        self.lstm = nn.LSTM(input_size, hidden_size, num_layers=num_layers, batch_first=True)
        with torch.no_grad():
            for name, bias in self.lstm.named_parameters():
                if name.startswith("bias_ih"):
                    bias[hidden_size : 2 * hidden_size] += forget_bias  # PyTorch gate order: i, f, g, o

    @property
    def output_size(self) -> int:
        return self.hidden_size

    def initial_state(self, batch_size: int) -> tuple[torch.Tensor, torch.Tensor]:
        check_positive_int("batch_size", batch_size)
        weight = self.lstm.weight_ih_l0
        zeros = weight.new_zeros(self.num_layers, batch_size, self.hidden_size)  # [L, B, H]
        return zeros, zeros.clone()

    def _check_state(self, state, batch_size: int) -> None:
        if not (isinstance(state, (tuple, list)) and len(state) == 2):
            raise ValueError("LSTM state must be a tuple (h, c), each [num_layers, B, hidden_size]")
        for name, tensor in zip(("h", "c"), state):
            check_shape(f"LSTM state {name}", tensor, (self.num_layers, batch_size, self.hidden_size))
            check_dtype_device(f"LSTM state {name}", tensor, self.lstm.weight_ih_l0)

    def forward(self, inputs: torch.Tensor, state=None):
        check_shape(
            "input x_t",
            inputs,
            ("B", self.input_size),
            hint="one time step per call; use unroll() for a [B, T, input_size] sequence",
        )
        outputs, state = self.unroll(inputs.unsqueeze(1), state)
        return outputs[:, 0], state  # [B, hidden]

    def unroll(self, inputs: torch.Tensor, state=None):
        check_shape(
            "input sequence x", inputs, ("B", "T", self.input_size), hint="unroll takes [batch, time, input_size]"
        )
        check_dtype_device("input sequence x", inputs, self.lstm.weight_ih_l0)
        if state is None:
            state = self.initial_state(inputs.shape[0])
        self._check_state(state, inputs.shape[0])
        outputs, (h, c) = self.lstm(inputs, tuple(state))  # [B, T, hidden]
        return outputs, (h, c)


def _closest_hidden_size(
    target_parameters: int, input_size: int, num_layers: int = 1, extra_parameters=None, tolerance: float = 0.1
) -> int:
    """Hidden size whose parameter count is closest to ``target_parameters``.

    ``extra_parameters(hidden_size)`` may add what else grows with the hidden size (e.g. a
    classifier head). Raises ``ValueError`` if no size lands within ``tolerance`` of the target.
    """
    check_positive_int("target_parameters", target_parameters)

    def total(hidden: int) -> int:
        extra = extra_parameters(hidden) if extra_parameters is not None else 0
        return lstm_parameter_count(input_size, hidden, num_layers) + extra

    best, hidden = 1, 1
    while True:
        if abs(total(hidden) - target_parameters) < abs(total(best) - target_parameters):
            best = hidden
        if total(hidden) > target_parameters:
            break
        hidden += 1
    relative_error = abs(total(best) - target_parameters) / target_parameters
    if relative_error > tolerance:
        raise ValueError(
            f"no LSTM hidden size gives {target_parameters} parameters within {tolerance:.0%}: "
            f"closest is hidden_size={best} with {total(best)} ({relative_error:.1%} off)"
        )
    return best


def matched_lstm_hidden_size(
    core: nn.Module, num_layers: int = 1, tolerance: float = 0.1, num_classes: int | None = None, head_hidden_sizes=None
) -> int:
    """The LSTM hidden size that gives as many parameters as ``core`` (within ``tolerance``).

    With ``num_classes`` (and the head's ``head_hidden_sizes``), whole classifiers are matched:
    RMC core + its ``SequenceClassifier`` head against LSTM + the same-shaped head, whose input
    width is the LSTM's hidden size rather than the RMC's N*F.
    """
    target = count_parameters(core)
    if num_classes is None:
        return _closest_hidden_size(target, core.input_size, num_layers, tolerance=tolerance)
    from .classifier import head_parameter_count

    hidden_sizes = tuple(head_hidden_sizes) if head_hidden_sizes is not None else (256,)
    target += head_parameter_count(core.output_size, hidden_sizes, num_classes)
    return _closest_hidden_size(
        target,
        core.input_size,
        num_layers,
        tolerance=tolerance,
        extra_parameters=lambda hidden: head_parameter_count(hidden, hidden_sizes, num_classes),
    )
