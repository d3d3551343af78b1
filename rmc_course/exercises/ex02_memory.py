"""Exercise 2 (lesson 02): the initial memory, the input projection, appending the input row, tiling.

The graders' checks of this exercise, with teaching feedback: each ``check_<name>(fn)`` runs the
learner's ``fn`` on small, *distinct* sizes and several seeds, compares it with the ``rmc_ref``
code it mirrors and, on a difference, raises :class:`~rmc_course.guard.CheckFailed` saying what is
wrong, naming the misconception (below) the result matches. ``hidden=True`` uses other sizes and
seeds (the hidden tests). The exercise notebook imports this module as ``checks``.
"""

from __future__ import annotations

import sys
from typing import Any, Callable

import torch

from rmc_course.exercises.harness import Case, Misconception, build, passed, randn, run_check
from rmc_course.guard import CheckFailed, Exercise, call_learner, seal  # noqa: F401 (CheckFailed: what test cells and tests catch, as checks.CheckFailed)
from rmc_ref import memory

_EX_2_1 = Exercise("2.1", "initial_memory", "rmc_ref.memory.initial_memory")
_EX_2_2 = Exercise("2.2", "project_input", "rmc_ref.memory.InputProjection.forward")
_EX_2_3 = Exercise("2.3", "append_input_row", "rmc_ref.memory.append_input_row")
_EX_2_4 = Exercise("2.4", "tile_input", "rmc_ref.memory.tile_input")

_REF_INITIAL_MEMORY = memory.initial_memory
_REF_PROJECT = memory.InputProjection.forward
_REF_APPEND = memory.append_input_row
_REF_TILE = memory.tile_input


def _initial_memory_probes(
    make: Callable[[], tuple], got: Any, expected: Any, learner: Callable
) -> tuple[str, str] | None:
    """With more slots than units, the identity is cut: slots N > F start at zero. Say so when only those differ."""
    batch, slots, units = make()
    if not isinstance(got, torch.Tensor) or got.shape != expected.shape or slots <= units:
        return None
    head_right = torch.allclose(got[:, :units].double(), expected[:, :units].double())
    if head_right and not torch.allclose(got[:, units:].double(), expected[:, units:].double()):
        return (
            f"your first {units} slots are right, but slots {units}..{slots - 1} (past the memory width "
            f"F = {units}) are not all zero: the identity is cut to F columns, `torch.eye(N, F)`, so the slots past "
            "the width start at zero; it is not repeated or wrapped around",
            "init-past-width",
        )
    return None


def check_initial_memory(fn: Callable, hidden: bool = False) -> None:
    """Exercise 2.1: ``fn(batch_size, mem_slots, mem_size, *, dtype=None)`` -> [B, N, F]."""
    __tracebackhide__ = True
    # (B, N, F, dtype): fewer slots than units, more slots than units, and equal.
    sizes = (
        [(3, 4, 6, None), (2, 6, 4, torch.float64), (1, 3, 3, None)]
        if hidden
        else [(2, 3, 5, None), (3, 5, 2, torch.float64)]
    )
    cases = [
        Case(
            f"batch_size={b}, mem_slots={n}, mem_size={f}" + (f", dtype={dtype}" if dtype is not None else ""),
            lambda b=b, n=n, f=f: (b, n, f),
            {"dtype": dtype} if dtype is not None else {},
        )
        for b, n, f, dtype in sizes
    ]

    def own_storage(args, got):
        if got.shape[0] > 1 and got.stride(0) == 0:
            return (
                "every batch element shares one storage (expand without a copy): writing to "
                "one memory would change them all; add .clone()"
            )
        return None

    run_check(
        _EX_2_1,
        fn,
        _REF_INITIAL_MEMORY,
        cases,
        ("memory",),
        bank("2.1"),
        extra=own_storage,
        axes=("B, N, F",),
        probes=_initial_memory_probes,
    )
    for case in cases:
        if "dtype" in case.kwargs:
            got = call_learner(_EX_2_1, fn, case.make(), case.kwargs)
            if got.dtype != case.kwargs["dtype"]:
                raise CheckFailed(
                    f"{_EX_2_1.label} is not right yet: with dtype={case.kwargs['dtype']} "
                    f"it returned dtype {got.dtype}; pass dtype on to torch.eye / "
                    "torch.zeros."
                )
    passed(_EX_2_1, hidden)


def _projection_cases(hidden: bool) -> list[Case]:
    sizes = [(3, 5, 4, 51), (1, 2, 6, 52)] if hidden else [(2, 7, 10, 20), (3, 4, 6, 21)]
    cases = []
    for batch, input_size, mem_size, seed in sizes:

        def make(batch=batch, input_size=input_size, mem_size=mem_size, seed=seed):
            projection = build(lambda: memory.InputProjection(input_size, mem_size), seed)
            return projection, randn(batch, input_size, seed=seed + 400)

        cases.append(
            Case(
                f"InputProjection(input_size={input_size}, mem_size={mem_size}), "
                f"inputs [{batch}, {input_size}], seed {seed}",
                make,
            )
        )
    return cases


def check_project_input(fn: Callable, hidden: bool = False) -> None:
    """Exercise 2.2: ``fn(projection, inputs [B, input_size]) -> x̂ [B, F]``."""
    __tracebackhide__ = True
    run_check(_EX_2_2, fn, _REF_PROJECT, _projection_cases(hidden), ("projected input",), bank("2.2"), axes=("B, F",))
    passed(_EX_2_2, hidden)


def _memory_input_cases(hidden: bool) -> list[Case]:
    sizes = [(3, 4, 2, 61), (1, 2, 5, 62)] if hidden else [(2, 3, 5, 30), (3, 4, 6, 31)]
    cases = []
    for batch, slots, width, seed in sizes:

        def make(batch=batch, slots=slots, width=width, seed=seed):
            return randn(batch, slots, width, seed=seed), randn(batch, width, seed=seed + 500)

        cases.append(Case(f"memory [{batch}, {slots}, {width}], projected input [{batch}, {width}], seed {seed}", make))
    return cases


def check_append_input_row(fn: Callable, hidden: bool = False) -> None:
    """Exercise 2.3: ``fn(memory [B, N, F], x̂ [B, F]) -> [B, N+1, F]``, the input as the last row."""
    __tracebackhide__ = True
    run_check(
        _EX_2_3, fn, _REF_APPEND, _memory_input_cases(hidden), ("memory plus input",), bank("2.3"), axes=("B, N+1, F",)
    )
    passed(_EX_2_3, hidden)


def check_tile_input(fn: Callable, hidden: bool = False) -> None:
    """Exercise 2.4: ``fn(memory [B, N, F], x̂ [B, F]) -> [B, N, 2F]``, x̂ next to every slot."""
    __tracebackhide__ = True
    run_check(_EX_2_4, fn, _REF_TILE, _memory_input_cases(hidden), ("tiled memory",), bank("2.4"), axes=("B, N, 2F",))
    passed(_EX_2_4, hidden)


def bank(number: str) -> list[Misconception]:
    """The misconceptions of exercise ``number`` ("1.1")."""
    return [entry for entry in MISCONCEPTIONS if entry.exercise == number]


# =============================================================================================
# The misconception bank of exercise 2: each function is a mistake as learners write it.
# A check that finds a wrong result runs these on the same inputs and names the one that
# gives the learner's result (tests/test_misconceptions.py: each fails its check, named).


def memory_starts_at_zero(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    return torch.zeros(batch_size, mem_slots, mem_size, dtype=dtype, device=device)


def identity_not_padded(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_slots, dtype=dtype, device=device)
    return eye.unsqueeze(0).repeat(batch_size, 1, 1)


def memory_shared_storage(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)
    return eye.unsqueeze(0).expand(batch_size, -1, -1)


def projection_without_bias(projection, inputs):
    return inputs @ projection.linear.weight.T


def tiled_instead_of_appended(memory, projected_input):
    tiled = projected_input.unsqueeze(1).expand(-1, memory.shape[1], -1)
    return torch.cat([memory, tiled], dim=-1)


def input_row_first(memory, projected_input):
    return torch.cat([projected_input.unsqueeze(1), memory], dim=1)


def appended_instead_of_tiled(memory, projected_input):
    return torch.cat([memory, projected_input.unsqueeze(1)], dim=1)


def input_before_memory(memory, projected_input):
    tiled = projected_input.unsqueeze(1).expand(-1, memory.shape[1], -1)
    return torch.cat([tiled, memory], dim=-1)


MISCONCEPTIONS: list[Misconception] = [
    Misconception(
        "memory-starts-at-zero",
        "2.1",
        "memory starts at zero",
        "the initial memory is the identity, eye(N) padded with zero columns up to F (or cut "
        "to F columns), so that every slot starts out different from the others.",
        memory_starts_at_zero,
    ),
    Misconception(
        "identity-not-padded",
        "2.1",
        "identity not padded to the memory width",
        "eye(N) is N x N; pad it with zero columns up to mem_size (or keep its first "
        "mem_size columns when N > F), so every slot is mem_size wide.",
        identity_not_padded,
    ),
    Misconception(
        "memory-shared-storage",
        "2.1",
        "batch elements share one storage",
        "expand() makes a view with stride 0, so all batch elements are one tensor: copy it "
        "(.clone() or .repeat()) so each batch element owns its memory.",
        memory_shared_storage,
    ),
    Misconception(
        "projection-without-bias",
        "2.2",
        "projection without its bias",
        "the input projection is a full Linear layer, x̂ = W x_t + b: use projection.linear "
        "(or add projection.linear.bias).",
        projection_without_bias,
    ),
    Misconception(
        "tiled-instead-of-appended",
        "2.3",
        "input tiled instead of appended",
        "you put x̂ next to every slot (that is tile_input, [B, N, 2F]); in the paper the "
        "input is one extra *row* of the memory: torch.cat([memory, x̂.unsqueeze(1)], dim=1) "
        "-> [B, N+1, F].",
        tiled_instead_of_appended,
    ),
    Misconception(
        "input-row-first",
        "2.3",
        "input row put first",
        "append x̂ *after* the N memory rows, so the memory keeps rows 0..N-1 and the input "
        "is row N, the row that is dropped after attention.",
        input_row_first,
    ),
    Misconception(
        "appended-instead-of-tiled",
        "2.4",
        "input appended as a row instead of tiled",
        "tile_input puts x̂ next to *every* slot along the feature axis, [B, N, 2F]; "
        "appending it as a row is append_input_row.",
        appended_instead_of_tiled,
    ),
    Misconception(
        "input-before-memory",
        "2.4",
        "input features before the memory features",
        "each tiled row is [memory slot | x̂]: the slot's own F features first, then x̂.",
        input_before_memory,
    ),
]


seal(sys.modules[__name__])  # everything the checks use is imported: snapshot, read-only
