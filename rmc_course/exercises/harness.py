"""What every exercise's checks share: input cases, the comparison with the reference, the
teaching message, and the misconception bank's entry type.

An exercise module (``rmc_course.exercises.ex01_attention`` ...) lists its :class:`Case` s and
calls :func:`run_check`, which runs the learner's function under the guard
(:func:`rmc_course.guard.call_learner`), compares it with the reference and, on a difference,
raises :class:`~rmc_course.guard.CheckFailed` naming the :class:`Misconception` whose wrong
function gives the learner's result.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, Callable, Sequence

import torch
from torch import nn

from rmc_course.guard import CheckFailed, Exercise, NotDone, assert_untouched, call_learner, describe
from rmc_ref import core

# Captured at import, before any learner code runs: never a name the notebook could rebind.
_isclose = torch.isclose


@dataclasses.dataclass(frozen=True)
class Misconception:
    """One known-wrong version of an exercise's function: a mistake learners really make.

    ``function`` is the wrong function as a learner would write it; when a check finds a learner's
    result wrong, it runs the bank of that exercise on the same inputs and names the entry that
    gives the same result.
    """

    key: str  # short stable id, e.g. "softmax-query-axis"
    exercise: str  # "1.1"
    name: str  # named in the feedback
    message: str  # what to do instead
    function: Callable


# =============================================================================================
# Comparing results, and naming the misconception a wrong result matches.


def _as_tuple(value: Any, count: int) -> tuple:
    if count == 1:
        return (value,)
    if isinstance(value, (tuple, list)):
        return tuple(value)
    return (value,)


def difference(expected: Any, got: Any, names: Sequence[str], rtol: float, atol: float) -> str | None:
    """None if ``got`` equals ``expected``, else a sentence saying what differs."""
    expected_t = _as_tuple(expected, len(names))
    got_t = _as_tuple(got, len(names))
    if len(got_t) != len(expected_t):
        return f"it returned {len(got_t)} value(s) ({describe(got)}), expected {len(expected_t)}: " + ", ".join(names)
    for name, want, have in zip(names, expected_t, got_t):
        if isinstance(want, torch.Tensor):
            if not isinstance(have, torch.Tensor):
                return f"{name} should be a torch.Tensor, got {type(have).__name__}"
            if tuple(have.shape) != tuple(want.shape):
                return f"{name} has shape {list(have.shape)}, expected {list(want.shape)}"
            if want.dtype.is_floating_point and not have.dtype.is_floating_point:
                return f"{name} has dtype {have.dtype}, expected a floating-point tensor"
            have_d, want_d = have.detach().to(want.dtype), want.detach()
            # torch.testing.assert_close's rule, |have - want| <= atol + rtol * |want|, without
            # its first-call cost (it imports torch.distributed.tensor: seconds per kernel).
            if not bool(_isclose(have_d, want_d, rtol=rtol, atol=atol).all()):
                gap = (have_d - want_d).abs()
                gap = torch.nan_to_num(gap, nan=float("inf"))
                where = list(torch.unravel_index(gap.argmax(), gap.shape)) if gap.dim() else []
                where = [int(i) for i in where]
                return f"{name} differs from the reference: largest difference {gap.max().item():.3g} at index {where}"
        elif isinstance(want, float):
            if not isinstance(have, (float, int, torch.Tensor)) or isinstance(have, bool):
                return f"{name} should be a number, got {type(have).__name__}"
            have_f = float(have)
            if not math.isclose(have_f, want, rel_tol=rtol, abs_tol=atol):
                return f"{name} is {have_f:.6g}, expected {want:.6g}"
        elif have != want:
            return f"{name} is {have!r}, expected {want!r}"
    return None


@dataclasses.dataclass
class Case:
    """One input set: ``make()`` returns fresh arguments (so in-place edits cannot leak)."""

    description: str
    make: Callable[[], tuple]
    kwargs: dict = dataclasses.field(default_factory=dict)
    expected: Callable[[], Any] | None = None  # overrides the reference for this case


def _direct(call: Callable, args: tuple, kwargs: dict) -> Any:
    return call(*args, **kwargs)


def run_check(
    exercise: Exercise,
    fn: Callable,
    reference: Callable | None,
    cases: Sequence[Case],
    names: Sequence[str],
    bank: Sequence[Misconception],
    rtol: float = 1e-5,
    atol: float = 1e-6,
    extra: Callable[[tuple, Any], str | None] | None = None,
    driver: Callable[[Callable, tuple, dict], Any] = _direct,
) -> None:
    """Compare ``fn`` with ``reference`` on every case; on a difference raise CheckFailed naming
    the misconception it matches. ``driver(call, args, kwargs)`` runs one function on a case
    (default: one call; a training step runs twice)."""
    __tracebackhide__ = True

    def learner(*args, **kwargs):
        return call_learner(exercise, fn, args, kwargs)

    for case in cases:
        # the expected result first: nothing the learner's function does can change it
        if case.expected is not None:
            expected = case.expected()
        else:
            expected = driver(reference, case.make(), case.kwargs)
        try:
            got = driver(learner, case.make(), case.kwargs)
        except NotDone as not_done:
            text = str(not_done) or exercise.label
            raise CheckFailed(
                f"{exercise.label} is not written yet ({text}). Replace the line "
                "`raise NotImplementedError(...)` with your code, run the cell, then run this "
                "test cell again."
            ) from None
        problem = difference(expected, got, names, rtol, atol)
        if problem is None and extra is not None:
            problem = extra(case.make(), got)
        if problem is None:
            continue
        message = f"{exercise.label} is not right yet: {problem}\n  (on {case.description})."
        diagnosis = diagnose(bank, case, got, names, rtol, atol, driver)
        if diagnosis is not None:
            message += f"\n  Likely cause, {diagnosis.name}: {diagnosis.message}"
        raise CheckFailed(message)
    assert_untouched()


def diagnose(
    bank: Sequence[Misconception],
    case: Case,
    got: Any,
    names: Sequence[str],
    rtol: float,
    atol: float,
    driver: Callable = _direct,
) -> Misconception | None:
    for entry in bank:
        try:
            wrong = driver(entry.function, case.make(), case.kwargs)
        except Exception:
            continue
        if difference(wrong, got, names, rtol, atol) is None:
            return entry
    return None


# =============================================================================================
# Inputs: small, distinct sizes; seeded; float64 so only real mistakes show as differences.


def randn(*shape: int, seed: int) -> torch.Tensor:
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)


@torch.no_grad()
def perturbed(module: nn.Module, seed: int, scale: float = 0.5) -> nn.Module:
    """float64 copy with every parameter perturbed, so LayerNorm gains and biases are not 1 / 0."""
    module = module.double()
    generator = torch.Generator().manual_seed(seed)
    for parameter in module.parameters():
        parameter.add_(scale * torch.randn(parameter.shape, generator=generator, dtype=parameter.dtype))
    return module


def build(constructor: Callable[[], nn.Module], seed: int) -> nn.Module:
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        module = constructor()
    for part in module.modules():  # the readable code the exercises mirror, not rmc_ref.fast
        if isinstance(part, core.RelationalMemory):
            part.fast_path = False
    return perturbed(module, seed + 1)


def passed(exercise: Exercise, hidden: bool) -> None:
    if not hidden:  # hidden tests stay silent: their feedback shows nothing about them
        print(f"{exercise.label} passed: it matches the reference on every input set.")
