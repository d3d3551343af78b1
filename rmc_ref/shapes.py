"""Shape contracts: small helpers that raise ``ValueError`` naming expected and actual shapes.

Used by every public function of the package, so a learner who passes a tensor of the wrong
shape reads *what* was expected instead of PyTorch's "size mismatch" deep inside a matmul.
"""

from __future__ import annotations

import operator
from typing import Sequence

import torch


def _fmt(shape: Sequence) -> str:
    return "[" + ", ".join(str(s) for s in shape) + "]"


def check_shape(name: str, tensor: torch.Tensor, expected: Sequence, hint: str = "") -> None:
    """Raise ``ValueError`` unless ``tensor`` has shape ``expected``.

    ``expected`` holds ints (must match) or strings (symbolic, any size), e.g. ``("B", 3, 10)``;
    a name used twice must have the same size both times (``("H", "N", "N")``: square maps).
    """
    if not isinstance(tensor, torch.Tensor):
        raise ValueError(f"{name} must be a torch.Tensor of shape {_fmt(expected)}, got {type(tensor).__name__}")
    actual = tuple(tensor.shape)
    sizes: dict[str, int] = {}
    ok = len(actual) == len(expected) and all(
        sizes.setdefault(e, a) == a if isinstance(e, str) else e == a for e, a in zip(expected, actual)
    )
    if not ok:
        msg = f"{name} must have shape {_fmt(expected)}, got {_fmt(actual)}"
        if hint:
            msg += f": {hint}"
        raise ValueError(msg)


def check_dtype_device(name: str, tensor: torch.Tensor, like: torch.Tensor, hint: str = "") -> None:
    """Raise ``ValueError`` unless ``tensor`` has the dtype and device of ``like`` (a parameter).

    PyTorch's own messages for a float64 model fed float32 data ("mat1 and mat2 must have the same
    dtype") or for tensors on two devices do not say which tensor or what was expected.
    """
    if tensor.dtype != like.dtype or tensor.device != like.device:
        msg = (
            f"{name} must be {like.dtype} on {like.device} (the model's parameters), "
            f"got {tensor.dtype} on {tensor.device}"
        )
        hint = hint or f"convert with .to(dtype={like.dtype}, device='{like.device}') or move the model"
        raise ValueError(f"{msg}: {hint}")


def check_positive_int(name: str, value, minimum: int = 1) -> int:
    """Return ``value`` as an ``int`` (numpy integers accepted); ``ValueError`` unless an int >= minimum."""
    if isinstance(value, bool):
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    try:
        as_int = operator.index(value)
    except TypeError:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}") from None
    if as_int < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return as_int
