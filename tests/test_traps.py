"""Smaller traps: wrong dtype or device, wrong-shaped gates, attention from an LSTM classifier,
the name clash with PyTorch's scaled_dot_product_attention, and references that leave the repo.
Small distinct sizes: B=2, N=3 slots, H=2 heads, head size 5, input 7 (F = 10)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F_
from torch.testing import assert_close

from helpers import randn
from rmc_ref import (LSTMBaseline, MultiHeadAttention, RelationalMemory, SequenceClassifier,
                     scaled_dot_product_attention)
from rmc_ref.gating import apply_gates

B, N, H, HEAD, IN = 2, 3, 2, 5, 7
F = H * HEAD
REPO = Path(__file__).resolve().parents[1]


def rmc() -> RelationalMemory:
    torch.manual_seed(0)
    return RelationalMemory(IN, N, HEAD, num_heads=H).double()


def lstm() -> LSTMBaseline:
    torch.manual_seed(0)
    return LSTMBaseline(IN, 4).double()


MISMATCHES = [
    (lambda: rmc()(randn(B, IN, seed=0, dtype=torch.float32)), "input x_t"),
    (lambda: rmc().unroll(randn(B, 4, IN, seed=0, dtype=torch.float32)), "input sequence x"),
    (lambda: rmc()(randn(B, IN, seed=0), randn(B, N, F, seed=1, dtype=torch.float32)), r"state \(memory\)"),
    (lambda: lstm().unroll(randn(B, 4, IN, seed=0, dtype=torch.float32)), "input sequence x"),
    (lambda: lstm()(randn(B, IN, seed=0), (torch.zeros(1, B, 4), torch.zeros(1, B, 4))), "LSTM state h"),
    (lambda: SequenceClassifier(rmc(), 4, (6,)).double()(randn(B, 4, IN, seed=0, dtype=torch.float32)),
     "input sequence x"),
    (lambda: MultiHeadAttention(H, 4, HEAD).double()(randn(B, N, F, seed=0, dtype=torch.float32)), "rows"),
]


@pytest.mark.parametrize("call, name", MISMATCHES, ids=range(len(MISMATCHES)))
def test_float64_model_fed_float32_names_expected_and_actual(call, name):
    with pytest.raises(ValueError, match=f"^{name} must be torch.float64 on cpu .*got torch.float32 on cpu"):
        call()


def test_tensor_on_another_device_names_both_devices():
    other = torch.empty(B, IN, dtype=torch.float64, device="meta")  # another device without a GPU
    with pytest.raises(ValueError, match=r"input x_t must be torch.float64 on cpu .*got torch.float64 on meta"):
        rmc()(other)
    with pytest.raises(ValueError, match=r"on meta"):
        lstm().unroll(torch.empty(B, 3, IN, dtype=torch.float64, device="meta"))


@pytest.mark.parametrize("gate_shape, match", [
    ((B, N, 4), r"input gate i must have shape \[2, 3, 10\] \('unit'\) or \[2, 3, 1\]"),
    ((B, 1, F), r"input gate i must have shape \[2, 3, G\], got \[2, 1, 10\]"),
    ((N, F), r"input gate i must have shape \[2, 3, G\], got \[3, 10\]"),
])
def test_apply_gates_rejects_wrong_gate_shapes(gate_shape, match):
    memory, attended = randn(B, N, F, seed=0), randn(B, N, F, seed=1)
    with pytest.raises(ValueError, match=match):
        apply_gates(attended, memory, torch.rand(gate_shape, dtype=torch.float64),
                    torch.rand(B, N, F, dtype=torch.float64))
    with pytest.raises(ValueError, match=r"forget gate f must have shape \[2, 3, 1\], got \[2, 3, 10\]"):
        apply_gates(attended, memory, torch.rand(B, N, 1, dtype=torch.float64),
                    torch.rand(B, N, F, dtype=torch.float64))


def test_apply_gates_accepts_unit_and_memory_gates():
    memory, attended = randn(B, N, F, seed=0), randn(B, N, F, seed=1)
    for width in (F, 1):
        i, f = torch.rand(B, N, width, dtype=torch.float64), torch.rand(B, N, width, dtype=torch.float64)
        assert_close(apply_gates(attended, memory, i, f), i * torch.tanh(attended) + f * memory)


def test_attention_from_an_lstm_classifier_is_a_clear_error():
    classifier = SequenceClassifier(lstm(), 4, (6,)).double()
    with pytest.raises(ValueError, match="return_attention=True needs a core with attention.*LSTMBaseline"):
        classifier(randn(B, 3, IN, seed=0), return_attention=True)


def test_our_sdpa_returns_a_pair_and_says_how_it_differs_from_pytorch():
    q, k, v = randn(B, H, N, 4, seed=0), randn(B, H, N + 1, 4, seed=1), randn(B, H, N + 1, HEAD, seed=2)
    out, weights = scaled_dot_product_attention(q, k, v)
    assert_close(out, F_.scaled_dot_product_attention(q, k, v))
    assert weights.shape == (B, H, N, N + 1)
    doc = " ".join(scaled_dot_product_attention.__doc__.split())
    assert "torch.nn.functional.scaled_dot_product_attention" in doc and "returns only the output" in doc


def _repo_text_files():
    for path in sorted(REPO.rglob("*")):
        parts = path.relative_to(REPO).parts
        if any(p.startswith(".") or p in {"runs", "build", "dist", "__pycache__", "mutants", "node_modules", "test-artifacts"} or p.endswith(".egg-info")
               for p in parts):
            continue
        if path.is_file() and path.suffix in {".py", ".md", ".ipynb", ".toml", ".yml", ".cfg", ".txt"} \
                or path.name in {"Makefile"}:
            yield path


def test_every_reference_points_inside_the_repo():
    """No file cites the course-building notes a learner's clone does not have."""
    outside = re.compile(r"shared/|DESIGN\.md|PAPER\.md|STYLE\.md|/work/")
    offenders = []
    for path in _repo_text_files():
        if path == Path(__file__):
            continue
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            if outside.search(line):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()[:100]}")
    assert offenders == []



def test_a_shape_name_used_twice_must_have_one_size():
    from rmc_ref.shapes import check_shape

    check_shape("maps", torch.ones(2, 3, 3), ("H", "N", "N"))  # square: fine
    check_shape("maps", torch.ones(2, 3, 4), ("H", "Nq", "Nk"))  # two names: any sizes
    with pytest.raises(ValueError, match=r"^maps must have shape \[H, N, N\], got \[2, 3, 4\]: square$"):
        check_shape("maps", torch.ones(2, 3, 4), ("H", "N", "N"), hint="square")
    check_shape("maps", torch.ones(3, 2, 3), ("N", "H", "N"))  # N = 3 both times
    with pytest.raises(ValueError, match=r"got \[3, 2, 4\]$"):
        check_shape("maps", torch.ones(3, 2, 4), ("N", "H", "N"))
