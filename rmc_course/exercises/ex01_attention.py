"""Exercise 1 (lesson 01): scaled dot-product attention, splitting and merging heads, multi-head attention.

The graders' checks of this exercise, with teaching feedback: each ``check_<name>(fn)`` runs the
learner's ``fn`` on small, *distinct* sizes and several seeds, compares it with the ``rmc_ref``
code it mirrors and, on a difference, raises :class:`~rmc_course.guard.CheckFailed` saying what is
wrong, naming the misconception (below) the result matches. ``hidden=True`` uses other sizes and
seeds (the hidden tests). The exercise notebook imports this module as ``checks``.
"""

from __future__ import annotations

import math
import sys
from typing import Any, Callable

import torch

from rmc_course.exercises.harness import Case, Misconception, build, passed, randn, run_check
from rmc_course.guard import CheckFailed, Exercise, seal  # noqa: F401 (CheckFailed: what test cells and tests catch, as checks.CheckFailed)
from rmc_ref import attention

_EX_1_1 = Exercise("1.1", "scaled_dot_product_attention", "rmc_ref.attention.scaled_dot_product_attention")
_EX_1_2 = Exercise("1.2", "split_heads", "rmc_ref.attention.MultiHeadAttention.split_heads")
_EX_1_3 = Exercise("1.3", "merge_heads", "the last line of rmc_ref.attention.MultiHeadAttention.forward")
_EX_1_4 = Exercise("1.4", "multi_head_attention", "rmc_ref.attention.MultiHeadAttention.forward")

_REF_SDPA = attention.scaled_dot_product_attention
_REF_SPLIT = attention.MultiHeadAttention.split_heads
_REF_FORWARD = attention.MultiHeadAttention.forward


def _sdpa_cases(hidden: bool) -> list[Case]:
    # (leading dims, Nq, Nk, d_k, d_v): all distinct, so a swapped axis cannot go unnoticed.
    shapes = (
        [((3,), 4, 6, 7, 2, 21), ((2, 3), 5, 2, 3, 4, 22)]
        if hidden
        else [((2,), 3, 4, 5, 6, 0), ((2, 2), 3, 5, 4, 7, 1)]
    )
    cases = []
    for lead, nq, nk, dk, dv, seed in shapes:

        def make(lead=lead, nq=nq, nk=nk, dk=dk, dv=dv, seed=seed):
            return (
                randn(*lead, nq, dk, seed=seed),
                randn(*lead, nk, dk, seed=seed + 100),
                randn(*lead, nk, dv, seed=seed + 200),
            )

        cases.append(
            Case(
                f"query {list(lead) + [nq, dk]}, key {list(lead) + [nk, dk]}, "
                f"value {list(lead) + [nk, dv]}, seed {seed}",
                make,
            )
        )
    return cases


def check_scaled_dot_product_attention(fn: Callable, hidden: bool = False) -> None:
    """Exercise 1.1: ``fn(query, key, value) -> (out, weights)``, as ``rmc_ref.attention``'s."""
    __tracebackhide__ = True

    def rows_sum_to_one(args, got):
        weights = got[1]
        sums = weights.detach().sum(dim=-1)
        if not torch.allclose(sums, torch.ones_like(sums), atol=1e-5):
            return f"each query's weights should sum to 1 over the keys; yours sum to {sums.flatten()[0].item():.3g}"
        return None

    run_check(
        _EX_1_1,
        fn,
        _REF_SDPA,
        _sdpa_cases(hidden),
        ("out", "weights"),
        bank("1.1"),
        extra=rows_sum_to_one,
        axes=("..., Nq, d_v", "..., Nq, Nk"),
    )
    passed(_EX_1_1, hidden)


def _mha_cases(hidden: bool) -> list[Case]:
    # (B, N, H, d_k, d_v, seed)
    shapes = [(3, 2, 3, 2, 5, 31), (1, 4, 2, 3, 2, 32)] if hidden else [(2, 3, 2, 4, 5, 10), (3, 4, 3, 2, 3, 11)]
    cases = []
    for batch, rows, heads, dk, dv, seed in shapes:

        def make(batch=batch, rows=rows, heads=heads, dk=dk, dv=dv, seed=seed):
            mha = build(lambda: attention.MultiHeadAttention(heads, dk, dv), seed)
            return mha, randn(batch, rows, heads * dv, seed=seed + 300)

        cases.append(
            Case(
                f"MultiHeadAttention(num_heads={heads}, key_size={dk}, head_size={dv}), "
                f"rows [{batch}, {rows}, {heads * dv}], seed {seed}",
                make,
            )
        )
    return cases


def check_split_heads(fn: Callable, hidden: bool = False) -> None:
    """Exercise 1.2: ``fn(attention, rows) -> (q, k, v)``, as ``MultiHeadAttention.split_heads``."""
    __tracebackhide__ = True
    run_check(
        _EX_1_2,
        fn,
        _REF_SPLIT,
        _mha_cases(hidden),
        ("q", "k", "v"),
        bank("1.2"),
        axes=("B, H, N, d_k",) * 2 + ("B, H, N, d_v",),
        probes=_split_probes,
    )
    passed(_EX_1_2, hidden)


def _split_probes(make: Callable[[], tuple], got: Any, expected: Any, learner: Callable) -> tuple[str, str] | None:
    """Which axis order of the normalised projection [B, N, H*(2d_k+d_v)] the learner's heads were cut from:
    the right one views it as [B, N, H, ...] and then moves H forward; a transpose before the view, or a view
    straight to [B, H, N, ...], cuts each head from the wrong numbers."""
    attention, rows = make()
    if not (isinstance(got, (tuple, list)) and len(got) == 3 and all(isinstance(t, torch.Tensor) for t in got)):
        return None
    batch, slots = rows.shape[:2]
    heads, d_k, d_v = attention.num_heads, attention.key_size, attention.head_size
    width = 2 * d_k + d_v
    with torch.no_grad():
        qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))  # [B, N, H*width]
    layouts = {
        "viewed as [B, N, H, ...], then transpose(1, 2)": lambda t: t.reshape(batch, slots, heads, width).transpose(
            1, 2
        ),
        "reshaped straight to [B, H, N, ...]": lambda t: t.reshape(batch, heads, slots, width),
    }
    orders = {
        (0, 1, 2): "",
        (0, 2, 1): "transposed to [B, H*(2d_k+d_v), N] first (a transpose before the reshape), then ",
    }
    for order, moved in orders.items():
        source = qkv.permute(order).contiguous()
        for layout_name, layout in layouts.items():
            try:
                pieces = layout(source).split([d_k, d_k, d_v], dim=-1)
            except RuntimeError:
                continue
            if all(
                a.shape == b.shape and torch.allclose(a.double(), b.detach().double(), 1e-5, 1e-6)
                for a, b in zip(pieces, got)
            ):
                if order == (0, 1, 2) and layout_name.startswith("viewed"):
                    return None  # the right layout: something else differs
                return (
                    f"your heads are cut from the projection {moved}{layout_name}: each head then gets numbers of "
                    "other rows or features. The features of one row are stored as H blocks of 2d_k + d_v: view the "
                    "projection as [B, N, H, 2*d_k + d_v] (no transpose before), then `.transpose(1, 2)` to "
                    "[B, H, N, 2*d_k + d_v], then split",
                    "split-heads-order",
                )
    return None


def _merge_cases(hidden: bool) -> list[Case]:
    shapes = [(3, 2, 4, 5, 41), (2, 4, 3, 2, 42)] if hidden else [(2, 3, 4, 5, 12), (3, 2, 5, 3, 13)]
    cases = []
    for batch, heads, rows, dv, seed in shapes:

        def make(batch=batch, heads=heads, rows=rows, dv=dv, seed=seed):
            return (randn(batch, heads, rows, dv, seed=seed),)

        cases.append(Case(f"attended [{batch}, {heads}, {rows}, {dv}] (B, H, N, d_v), seed {seed}", make))
    return cases


def _reference_merge(attended: torch.Tensor) -> torch.Tensor:
    batch, heads, rows, head_size = attended.shape
    return attended.transpose(1, 2).reshape(batch, rows, heads * head_size)  # [B, N, H*dv]


def check_merge_heads(fn: Callable, hidden: bool = False) -> None:
    """Exercise 1.3: ``fn(attended [B, H, N, d_v]) -> merged [B, N, H*d_v]``."""
    __tracebackhide__ = True
    run_check(_EX_1_3, fn, _reference_merge, _merge_cases(hidden), ("merged",), bank("1.3"), axes=("B, N, H*d_v",))
    passed(_EX_1_3, hidden)


def check_multi_head_attention(fn: Callable, hidden: bool = False) -> None:
    """Exercise 1.4: ``fn(attention, rows) -> (merged, weights)``, as ``MultiHeadAttention.forward``."""
    __tracebackhide__ = True
    upstream = {
        "scaled_dot_product_attention": ("1.1", check_scaled_dot_product_attention),
        "split_heads": ("1.2", check_split_heads),
        "merge_heads": ("1.3", check_merge_heads),
    }
    run_check(
        _EX_1_4,
        fn,
        _REF_FORWARD,
        _mha_cases(hidden),
        ("attended rows", "weights"),
        bank("1.4"),
        upstream=upstream,
        axes=("B, N, H*d_v", "B, H, N, N"),
        callee_outputs={"split_heads": ("q", "k", "v"), "scaled_dot_product_attention": ("output", "weights")},
    )
    passed(_EX_1_4, hidden)


def bank(number: str) -> list[Misconception]:
    """The misconceptions of exercise ``number`` ("1.1")."""
    return [entry for entry in MISCONCEPTIONS if entry.exercise == number]


# =============================================================================================
# The misconception bank of exercise 1: each function is a mistake as learners write it.
# A check that finds a wrong result runs these on the same inputs and names the one that
# gives the learner's result (tests/test_misconceptions.py: each fails its check, named).


def softmax_query_axis(query, key, value):
    scores = query @ key.transpose(-1, -2) / math.sqrt(query.shape[-1])
    weights = torch.softmax(scores, dim=-2)
    return weights @ value, weights


def no_sqrt_dk(query, key, value):
    weights = torch.softmax(query @ key.transpose(-1, -2), dim=-1)
    return weights @ value, weights


def divide_by_dk(query, key, value):
    weights = torch.softmax(query @ key.transpose(-1, -2) / query.shape[-1], dim=-1)
    return weights @ value, weights


def sqrt_dv(query, key, value):
    scores = query @ key.transpose(-1, -2) / math.sqrt(value.shape[-1])
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights


def scores_returned(query, key, value):
    scores = query @ key.transpose(-1, -2) / math.sqrt(query.shape[-1])
    return torch.softmax(scores, dim=-1) @ value, scores


def split_qkv_before_heads(attention, rows):
    batch, n_rows, _ = rows.shape
    H, dk, dv = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    q, k, v = qkv.split([H * dk, H * dk, H * dv], dim=-1)
    q = q.view(batch, n_rows, H, dk).transpose(1, 2)
    k = k.view(batch, n_rows, H, dk).transpose(1, 2)
    v = v.view(batch, n_rows, H, dv).transpose(1, 2)
    return q, k, v


def split_heads_no_transpose(attention, rows):
    batch, n_rows, _ = rows.shape
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    qkv = qkv.reshape(batch, attention.num_heads, n_rows, -1)
    return qkv.split([attention.key_size, attention.key_size, attention.head_size], dim=-1)


def no_qkv_layernorm(attention, rows):
    batch, n_rows, _ = rows.shape
    qkv = attention.qkv_projection(rows)
    qkv = qkv.view(batch, n_rows, attention.num_heads, -1).transpose(1, 2)
    return qkv.split([attention.key_size, attention.key_size, attention.head_size], dim=-1)


def merge_no_transpose(attended):
    batch, heads, n_rows, head_size = attended.shape
    return attended.reshape(batch, n_rows, heads * head_size)


def merge_features_major(attended):
    batch, heads, n_rows, head_size = attended.shape
    return attended.permute(0, 2, 3, 1).reshape(batch, n_rows, heads * head_size)


def mha_merge_no_transpose(attention, rows):
    batch, n_rows, _ = rows.shape
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    qkv = qkv.view(batch, n_rows, attention.num_heads, -1).transpose(1, 2)
    q, k, v = qkv.split([attention.key_size, attention.key_size, attention.head_size], dim=-1)
    weights = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(attention.key_size), dim=-1)
    attended = weights @ v
    return attended.reshape(batch, n_rows, -1), weights


def mha_weights_averaged(attention, rows):
    batch, n_rows, _ = rows.shape
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    qkv = qkv.view(batch, n_rows, attention.num_heads, -1).transpose(1, 2)
    q, k, v = qkv.split([attention.key_size, attention.key_size, attention.head_size], dim=-1)
    weights = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(attention.key_size), dim=-1)
    attended = (weights @ v).transpose(1, 2).reshape(batch, n_rows, -1)
    return attended, weights.mean(dim=1)


MISCONCEPTIONS: list[Misconception] = [
    Misconception(
        "softmax-query-axis",
        "1.1",
        "softmax over the query axis",
        "your weights sum to 1 over the queries: take the softmax over the key axis, dim=-1, "
        "so that each query's weights over the keys sum to 1.",
        softmax_query_axis,
    ),
    Misconception(
        "no-sqrt-dk",
        "1.1",
        "no 1/sqrt(d_k) scaling",
        "the scores must be divided by sqrt(d_k), the square root of the key width "
        "(query.shape[-1]); without it large dot products saturate the softmax.",
        no_sqrt_dk,
    ),
    Misconception(
        "divide-by-dk",
        "1.1",
        "divided by d_k instead of sqrt(d_k)",
        "scale the scores by 1/sqrt(d_k), not 1/d_k.",
        divide_by_dk,
    ),
    Misconception(
        "sqrt-dv",
        "1.1",
        "scaled by the value width",
        "the scale is 1/sqrt(d_k) with d_k the width of the queries and keys, not of the values.",
        sqrt_dv,
    ),
    Misconception(
        "scores-returned",
        "1.1",
        "scores returned instead of weights",
        "return the weights *after* the softmax (they are what multiplies the values).",
        scores_returned,
    ),
    Misconception(
        "split-qkv-before-heads",
        "1.2",
        "heads split in the wrong order",
        "the projection is laid out per head, [q | k | v] for head 0, then for head 1, ...: "
        "first view it as [B, N, H, 2*d_k + d_v] and move the head axis forward, then split "
        "each head's features into q, k and v.",
        split_qkv_before_heads,
    ),
    Misconception(
        "split-heads-no-transpose",
        "1.2",
        "heads split by reshaping without moving the head axis",
        "view the projection as [B, N, H, features] and then transpose(1, 2) to [B, H, N, "
        "features]; reshaping straight to [B, H, N, ...] mixes rows and heads.",
        split_heads_no_transpose,
    ),
    Misconception(
        "no-qkv-layernorm",
        "1.2",
        "LayerNorm on the projection missing",
        "as in Sonnet, the q|k|v projection goes through attention.qkv_layer_norm before it is split.",
        no_qkv_layernorm,
    ),
    Misconception(
        "merge-no-transpose",
        "1.3",
        "heads merged in the wrong order",
        "move the head axis next to the features first, attended.transpose(1, 2) -> [B, N, "
        "H, d_v], then reshape to [B, N, H*d_v]; reshaping [B, H, N, d_v] directly mixes "
        "rows of different heads.",
        merge_no_transpose,
    ),
    Misconception(
        "merge-features-major",
        "1.3",
        "heads interleaved feature by feature",
        "each head's d_v features stay together: [head 0's d_v | head 1's d_v | ...], so the "
        "order before the reshape is [B, N, H, d_v], not [B, N, d_v, H].",
        merge_features_major,
    ),
    Misconception(
        "mha-merge-no-transpose",
        "1.4",
        "heads merged in the wrong order",
        "merge the heads with your merge_heads (transpose(1, 2) before the reshape), not by "
        "reshaping [B, H, N, d_v] directly.",
        mha_merge_no_transpose,
    ),
    Misconception(
        "mha-weights-averaged",
        "1.4",
        "weights averaged over the heads",
        "return the weights of every head, [B, H, N, N]; each head attends in its own way.",
        mha_weights_averaged,
    ),
]


seal(sys.modules[__name__])  # everything the checks use is imported: snapshot, read-only
