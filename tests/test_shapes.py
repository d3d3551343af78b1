"""Tests of the shared argument and tensor checks (rmc_ref.shapes) as rules of their own: a shape
name used twice, and another device named in the message. The messages each module gives with
them are tested with the module (test_attention.py, test_memory.py, ... through
tests/support/messages.py)."""

from __future__ import annotations

import pytest
import torch

from rmc_ref import LSTMBaseline, RelationalMemory
from rmc_ref.shapes import check_shape

B, N, H, HEAD, IN = 2, 3, 2, 5, 7


def test_a_shape_name_used_twice_must_have_one_size():
    check_shape("maps", torch.ones(2, 3, 3), ("H", "N", "N"))  # square: fine
    check_shape("maps", torch.ones(2, 3, 4), ("H", "Nq", "Nk"))  # two names: any sizes
    with pytest.raises(ValueError, match=r"^maps must have shape \[H, N, N\], got \[2, 3, 4\]: square$"):
        check_shape("maps", torch.ones(2, 3, 4), ("H", "N", "N"), hint="square")
    check_shape("maps", torch.ones(3, 2, 3), ("N", "H", "N"))  # N = 3 both times
    with pytest.raises(ValueError, match=r"got \[3, 2, 4\]$"):
        check_shape("maps", torch.ones(3, 2, 4), ("N", "H", "N"))


def test_tensor_on_another_device_names_both_devices():
    torch.manual_seed(0)
    rmc = RelationalMemory(IN, N, HEAD, num_heads=H).double()
    torch.manual_seed(0)
    lstm = LSTMBaseline(IN, 4).double()
    other = torch.empty(B, IN, dtype=torch.float64, device="meta")  # another device without a GPU
    with pytest.raises(ValueError, match=r"input x_t must be torch.float64 on cpu .*got torch.float64 on meta"):
        rmc(other)
    with pytest.raises(ValueError, match=r"on meta"):
        lstm.unroll(torch.empty(B, 3, IN, dtype=torch.float64, device="meta"))
