"""What every exercise's checks share: input cases, the comparison with the reference, the
teaching message, and the misconception bank's entry type.

An exercise module (``rmc_course.exercises.ex01_attention`` ...) lists its :class:`Case` s and
calls :func:`run_check`, which runs the learner's function under the guard
(:func:`rmc_course.guard.call_learner`), compares it with the reference and, on a difference,
raises :class:`~rmc_course.guard.CheckFailed` naming the :class:`Misconception` whose wrong
function gives the learner's result.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import io
import math
import os
import warnings
from typing import Any, Callable, Sequence

import torch
from torch import nn

from rmc_course.exercises import explain, one_edit
from rmc_course.guard import (
    CheckFailed,
    Exercise,
    IntegrityError,
    NotDone,
    assert_untouched,
    audited,
    call_learner,
    describe,
    grader_hook,
)
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
    found = _difference(expected, got, names, rtol, atol)
    return None if found is None else found[0]


def _difference(
    expected: Any, got: Any, names: Sequence[str], rtol: float, atol: float, axes: Sequence[str | None] = ()
) -> tuple[str, str] | None:
    """None if ``got`` equals ``expected``, else (what differs, cause id)."""
    expected_t = _as_tuple(expected, len(names))
    got_t = _as_tuple(got, len(names))
    if len(got_t) != len(expected_t):
        return (
            f"it returned {len(got_t)} value(s) ({describe(got)}), expected {len(expected_t)}: " + ", ".join(names),
            "count",
        )
    for index, (name, want, have) in enumerate(zip(names, expected_t, got_t)):
        if isinstance(want, torch.Tensor):
            if not isinstance(have, torch.Tensor):
                return f"{name} should be a torch.Tensor, got {type(have).__name__}", "type"
            if tuple(have.shape) != tuple(want.shape):
                return explain.explain_shape(name, have.shape, want.shape, axes[index] if index < len(axes) else None)
            if have.dtype != want.dtype:
                hint = (
                    "make new tensors with the inputs' dtype (`torch.zeros(..., dtype=x.dtype)`, `x.new_zeros(...)`, "
                    "`torch.zeros_like(x)`), never through NumPy or Python lists"
                    if want.dtype.is_floating_point
                    else "integer class labels are torch.int64 (`.long()`), what cross_entropy and indexing expect"
                )
                return f"{name} has dtype {have.dtype}, expected {want.dtype}: {hint}", "dtype"
            have_d, want_d = have.detach(), want.detach()
            # torch.testing.assert_close's rule, |have - want| <= atol + rtol * |want|, without
            # its first-call cost (it imports torch.distributed.tensor: seconds per kernel).
            if not bool(_isclose(have_d, want_d, rtol=rtol, atol=atol).all()):
                gap = (have_d.double() - want_d.double()).abs()
                gap = torch.nan_to_num(gap, nan=float("inf"))
                where = list(torch.unravel_index(gap.argmax(), gap.shape)) if gap.dim() else []
                where = [int(i) for i in where]
                return (
                    f"{name} differs from the reference: largest difference {gap.max().item():.3g} at index {where}",
                    "values-differ",
                )
            if have.requires_grad and not want.requires_grad:
                return (
                    f"{name} requires grad, though nothing it is computed from does: a tensor made with "
                    "`requires_grad=True` (or `nn.Parameter`)? A starting value or a constant is not a parameter; "
                    "only the model's parameters are leaves that learn. Create it without requires_grad",
                    "requires-grad",
                )
        elif isinstance(want, float):
            if isinstance(have, torch.Tensor):
                return (
                    f"{name} should be a Python float, got a tensor {list(have.shape)}: return `loss.item()`; a "
                    "tensor keeps the whole computation graph alive while the caller holds it",
                    "type",
                )
            if not isinstance(have, (float, int)) or isinstance(have, bool):
                return f"{name} should be a number, got {type(have).__name__}", "type"
            have_f = float(have)
            if not math.isclose(have_f, want, rel_tol=rtol, abs_tol=atol):
                return f"{name} is {have_f:.6g}, expected {want:.6g}", "values-differ"
        elif have != want:
            return f"{name} is {have!r}, expected {want!r}", "values-differ"
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


def _tensors(value: Any, label: str, depth: int = 0) -> list[tuple[str, torch.Tensor]]:
    if isinstance(value, torch.Tensor):
        return [(label, value)]
    if isinstance(value, (tuple, list)) and depth < 3:
        return [pair for i, v in enumerate(value) for pair in _tensors(v, f"{label}[{i}]", depth + 1)]
    return []


def _snapshot(fn: Callable, args: tuple) -> list:
    names = explain.argument_names(fn, len(args))
    return [(label, t, t.detach().clone()) for name, a in zip(names, args) for label, t in _tensors(a, name)]


def _in_place_problem(snapshot: list) -> str | None:
    for label, tensor, copy_ in snapshot:
        if tensor.shape != copy_.shape or not torch.equal(tensor.detach(), copy_):
            return (
                f"it changed its input `{label}` in place (an in-place method such as tanh_(), mul_() or add_(), "
                "`+=`, or an assignment into a slice). The caller still holds that tensor and now sees other "
                "values; in training, autograd needs the original. Compute a new tensor instead "
                "(`torch.tanh(x)`, `a * b + c`, `torch.cat`)."
            )
    return None


def _with_grad_leaves(fn: Callable, args: tuple) -> tuple[tuple, list]:
    """The arguments with every float tensor a leaf that requires grad; (args, [(label, leaf)])."""
    names = explain.argument_names(fn, len(args))
    out, leaves = [], []
    for name, value in zip(names, args):
        if isinstance(value, torch.Tensor) and value.is_floating_point():
            value = value.detach().requires_grad_(True)
            leaves.append((f"`{name}`", value))
        elif isinstance(value, nn.Module):
            leaves += [(f"`{name}.{pn}`", p) for pn, p in value.named_parameters() if p.requires_grad]
        out.append(value)
    return tuple(out), leaves


def _gradient_problem(
    exercise: Exercise, fn: Callable, learner: Callable, reference: Callable, case: Case, names: Sequence[str]
) -> tuple[str, str] | None:
    """Do gradients reach every input and parameter, and equal the reference's? (values already match)"""
    ref_args, ref_leaves = _with_grad_leaves(fn, case.make())
    if not ref_leaves:
        return None
    with torch.enable_grad():
        ref_out = _as_tuple(reference(*ref_args, **case.kwargs), len(names))
    floats = [
        i for i, t in enumerate(ref_out) if isinstance(t, torch.Tensor) and t.is_floating_point() and t.requires_grad
    ]
    if not floats:
        return None
    generator = torch.Generator().manual_seed(1234)
    weights = {i: torch.randn(ref_out[i].shape, generator=generator, dtype=ref_out[i].dtype) for i in floats}
    # the reference's gradients first, and its graph freed, before the learner's function runs
    ref_grads = torch.autograd.grad(
        sum((ref_out[i] * weights[i]).sum() for i in floats), [t for _, t in ref_leaves], allow_unused=True
    )
    del ref_out, ref_leaves, ref_args
    args, leaves = _with_grad_leaves(fn, case.make())
    with torch.enable_grad():
        out = _as_tuple(learner(*args, **case.kwargs), len(names))
    cut = [names[i] for i in floats if not (isinstance(out[i], torch.Tensor) and out[i].requires_grad)]
    if cut:
        return (
            f"no gradient flows back through {', '.join(cut)}: the values are right, but a `torch.no_grad()`, "
            "`.detach()`, `.data` or a detour through NumPy or Python numbers cut the computation graph, so "
            "training could not learn through this function. Compute it with torch operations on the tensors "
            "you were given, without no_grad.",
            "no-gradient",
        )
    try:
        with audited(exercise):  # gradients flow back through the learner's code: watched as its call is
            grads = torch.autograd.grad(
                sum((out[i] * weights[i]).sum() for i in floats), [t for _, t in leaves], allow_unused=True
            )
    except RuntimeError as error:  # the values are right, but backpropagating through them fails
        if "modified by an inplace operation" in str(error):
            return (
                "the values are right, but backpropagation through your code fails: an in-place operation "
                "(`exp_()`, `+=`, `/=`, `mul_()`, a slice assignment) overwrote a tensor that autograd saved "
                "for the backward pass, so training would stop with an error. Write the same step out of place "
                f"(`x = x + y`, `torch.exp(x)`, `a / b`). PyTorch said: {str(error).splitlines()[0][:160]}",
                "in-place-backward",
            )
        return (
            f"the values are right, but backpropagation through your code fails: {str(error).splitlines()[0][:200]}",
            "backward-error",
        )
    for (label, _), want, have in zip(leaves, ref_grads, grads):
        if want is None or not bool(want.abs().sum() > 0):
            continue
        if have is None or not bool(have.abs().sum() > 0):
            return (
                f"no gradient reaches {label}, though the reference's result depends on it: the values are right, "
                "but part of the computation was cut from the graph (`.detach()`, `.data`, `torch.no_grad()`, or a "
                "tensor rebuilt from numbers with torch.tensor(...)).",
                "gradient-missing",
            )
        if not bool(_isclose(have, want, rtol=1e-5, atol=1e-7).all()):
            return (
                f"the gradient with respect to {label} differs from the reference's though the values match: part "
                "of the computation is cut from the graph (`.detach()`/`.data` on one term, or one step computed under "
                "`torch.no_grad()`) or done in place.",
                "gradient-differs",
            )
    return None


def _float32(value: Any) -> Any:
    if isinstance(value, torch.Tensor):
        return value.float() if value.is_floating_point() else value
    if isinstance(value, nn.Module):
        return copy.deepcopy(value).float()
    if isinstance(value, (tuple, list)):
        return type(value)(_float32(v) for v in value)
    return value


def _beyond_dtype(
    exercise: Exercise,
    learner: Callable,
    reference: Callable,
    case: Case,
    names: Sequence[str],
    axes: Sequence[str | None],
    fn: Callable,
    probes: Callable | None,
) -> tuple[str, str | None]:
    """After two dtypes met: run the case in float32 (the default dtype, where they agree) and say whether the
    result is right there, so a learner who fixes the dtype knows what comes next (the exercise's own probes
    first, which may run the learner's function on other arguments)."""
    own = _own_probe(probes, case, None, None, learner)
    if own is not None:
        return f"\n  And beyond the dtype: {own[0]}.", own[1]
    single = Case(case.description + ", in float32", lambda: _float32(case.make()), case.kwargs)
    try:
        got = learner(*single.make(), **single.kwargs)
    except Exception:  # noqa: BLE001 - another error: the dtype message stands alone
        return "", None
    expected = reference(*single.make(), **single.kwargs)
    found = _difference(expected, got, names, 1e-4, 1e-5, axes)
    if found is None:
        return "\n  In float32 your result is right: only the dtype is left to fix.", None
    return (
        f"\n  Even in float32, where the dtypes agree, your result is wrong ({found[0]}): the tensor you made has the "
        "wrong values too, not only the wrong dtype.",
        None,
    )


def _has_floats(args: tuple) -> bool:
    return any(isinstance(a, nn.Module) or (isinstance(a, torch.Tensor) and a.is_floating_point()) for a in args)


def _upstream_failure(fn: Callable, upstream: dict) -> tuple[str, str, str] | None:
    """(their name, exercise number, first line of their check's message) of the first earlier function
    of the learner's that ``fn`` calls and that fails its own check; None when they all pass."""
    used: set[str] = set()
    todo = [getattr(fn, "__code__", None)]
    while todo:
        code = todo.pop()
        if code is None:
            continue
        used.update(code.co_names)
        todo += [c for c in code.co_consts if hasattr(c, "co_names")]
    namespace = getattr(fn, "__globals__", {})
    for name, (number, check) in upstream.items():
        earlier = namespace.get(name)
        if name not in used or earlier is None or earlier is fn:
            continue
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                check(earlier)
        except CheckFailed as failure:
            lines = getattr(failure, "plain", str(failure)).split("\n")
            # its first line and its diagnosis (likely cause, probes, advice), without the inputs line
            kept = [lines[0]] + [
                line.strip() for line in lines[1:] if line.strip() and not line.strip().startswith("(on ")
            ]
            return name, number, "\n    ".join(kept)
        except NotDone:
            return name, number, "it is not written yet"
    return None


def _own_probe(
    probes: Callable | None, case: Case, got: Any, expected: Any, learner: Callable
) -> tuple[str, str] | None:
    if probes is None:
        return None
    try:
        return probes(case.make, got, expected, learner)
    except IntegrityError:
        raise
    except Exception:  # noqa: BLE001 - a probe that cannot run says nothing
        if os.environ.get("RMC_STRICT_PROBES"):
            raise  # the test suite: a probe that fails is a bug to fix, not silence
        return None


@grader_hook
def _perturbing(callee: Callable, index: int, calls: list) -> Callable:
    """``callee`` with its ``index``-th result changed (and its calls counted in ``calls``)."""

    def wrapped(*args, **kwargs):
        calls.append(1)
        results = list(callee(*args, **kwargs))
        results[index] = results[index] * 1.37 + 0.11
        return tuple(results)

    return wrapped


def _unused_callee_output(
    fn: Callable, callee_outputs: dict, learner: Callable, case: Case, got: Any, count: int
) -> tuple[str, str] | None:
    """A result of an earlier function of the learner's that the right answer uses and the learner's code
    does not: change that result as it is returned, and see whether the learner's result moves."""
    scope = getattr(fn, "__globals__", None)
    if scope is None:
        return None
    for name, labels in callee_outputs.items():
        callee = scope.get(name)
        if not callable(callee):
            continue
        for index, label in enumerate(labels):
            if label is None:
                continue
            calls: list = []
            scope[name] = _perturbing(callee, index, calls)
            try:
                again = learner(*case.make(), **case.kwargs)
            except Exception:  # noqa: BLE001 - a probe only looks
                continue
            finally:
                scope[name] = callee
            if calls and explain._same_results(again, got, count):
                return (
                    f"your result does not change when the `{label}` that your `{name}` returns changes: your code "
                    f"does not use that `{label}` (something else stands in its place, or it is unpacked into `_`). "
                    f"Use every result of `{name}` the computation needs",
                    "callee-output-unused",
                )
    return None


def _guarded(probe: Callable[[], tuple[str, str] | None]) -> tuple[str, str] | None:
    """Run a probe; one that fails on a learner's odd result says nothing (the failure message stands
    without it), except a breach of the grading's integrity, which always goes through."""
    try:
        return probe()
    except IntegrityError:
        raise
    except Exception:  # noqa: BLE001
        if os.environ.get("RMC_STRICT_PROBES"):
            raise  # the test suite: a probe that fails is a bug to fix, not silence
        return None


def _probe(
    exercise: Exercise,
    learner: Callable,
    case: Case,
    got: Any,
    expected: Any,
    names: Sequence[str],
    axes: Sequence[str | None],
    driver: Callable,
    reference: Callable | None = None,
    fn: Callable | None = None,
) -> tuple[str, str] | None:
    """After a wrong result that no misconception matches: which property broke (see explain)."""
    got_t = _as_tuple(got, len(names))
    if fn is not None and (found := explain.fresh_layer(fn) or explain.unpacked_tensor(fn)) is not None:
        return found
    for index, (name, have, want) in enumerate(zip(names, got_t, _as_tuple(expected, len(names)))):
        found = explain.same_values_other_shape(name, have, want)
        found = found or explain.entries_missing(name, have, want, axes[index] if index < len(axes) else None)
        if found is not None:
            return found
    if driver is _direct:
        # a random result breaks every property by chance: say it is random before naming one
        found = explain.random_result(learner, case.make, case.kwargs, len(names))
        if found is not None:
            return found
    for name, have in zip(names, got_t):
        found = explain.property_problem(name, have)
        if found is not None:
            return found
    found = explain.coupled_results(names, got_t, _as_tuple(expected, len(names)))
    if found is not None:
        return found
    for index, (name, have, want) in enumerate(zip(names, got_t, _as_tuple(expected, len(names)))):
        found = explain.time_shift(name, have, want, axes[index] if index < len(axes) else None)
        found = found or explain.axes_swapped(name, have, want, axes[index] if index < len(axes) else None)
        found = found or explain.zeroed_entries(name, have, want)
        found = found or (explain.rearrangement(name, case.make(), have, want) if driver is _direct else None)
        if found is not None:
            return found
    if driver is _direct:
        found = explain.batch_mixing(learner, case.make(), case.kwargs, got, len(names))
        if found is not None:
            return explain.batch_reversal(fn) or found
        if reference is not None:
            params = explain.argument_names(fn, len(case.make()))
            found = explain.argument_use(learner, reference, case.make, case.kwargs, got, expected, names, params)
            found = found or explain.scale_invariance(learner, reference, case.make, case.kwargs, len(names), params)
            found = found or explain.call_counts(learner, reference, case.make, case.kwargs, params)
            if found is not None:
                return found
            found = one_edit.nearest_edit(reference, case.make, case.kwargs, got, names, params, learner=learner)
            if found is not None:
                return found
            found = explain.step_localisation(learner, reference, case.make, case.kwargs, params)
            if found is not None:
                return found
    elif reference is not None and case.expected is None:
        params = explain.argument_names(fn, len(case.make()))
        found = one_edit.nearest_edit(reference, case.make, case.kwargs, got, names, params, driver)
        if found is not None:
            return found
    for index, (name, have, want) in enumerate(zip(names, got_t, _as_tuple(expected, len(names)))):
        if isinstance(have, torch.Tensor) and isinstance(want, torch.Tensor):
            if difference(want, have, (name,), 1e-5, 1e-6) is None:
                continue  # this result is right: nothing to say about it
            if driver is _direct and fn is not None:
                made = case.make()
                found = explain.added_argument(
                    name,
                    have,
                    want,
                    made,
                    explain.argument_names(fn, len(made)),
                    axes[index] if index < len(axes) else None,
                )
                if found is not None:
                    return found
            found = explain.value_relation(name, have, want, axes[index] if index < len(axes) else None)
            if found is not None:
                return found
    return None


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
    upstream: dict | None = None,
    axes: Sequence[str | None] = (),
    gradients: bool = True,
    probes: Callable[..., tuple[str, str] | None] | None = None,
    callee_outputs: dict[str, tuple[str | None, ...]] | None = None,
) -> None:
    """Compare ``fn`` with ``reference`` on every case (see :func:`_run_check`), with every warning
    raised meanwhile shown as a note on stdout: nbgrader scores a test cell that wrote to stderr 0,
    and a warning is not a wrong answer."""
    __tracebackhide__ = True
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            _run_check(
                exercise,
                fn,
                reference,
                cases,
                names,
                bank,
                rtol,
                atol,
                extra,
                driver,
                upstream,
                axes,
                gradients,
                probes,
                callee_outputs,
            )
        finally:
            seen = []
            for warning in caught:
                text = f"{warning.category.__name__}: {warning.message}"
                if text not in seen:
                    seen.append(text)
            for text in seen[:3]:
                print(f"Note: a warning while {exercise.label} ran (not counted against you): {text}")


def _run_check(
    exercise: Exercise,
    fn: Callable,
    reference: Callable | None,
    cases: Sequence[Case],
    names: Sequence[str],
    bank: Sequence[Misconception],
    rtol: float,
    atol: float,
    extra: Callable[[tuple, Any], str | None] | None,
    driver: Callable[[Callable, tuple, dict], Any],
    upstream: dict | None,
    axes: Sequence[str | None],
    gradients: bool,
    probes: Callable[..., tuple[str, str] | None] | None = None,
    callee_outputs: dict[str, tuple[str | None, ...]] | None = None,
) -> None:
    """Compare ``fn`` with ``reference`` on every case; on a difference raise CheckFailed saying what
    differs and why (the misconception it matches, an earlier function of the learner's that fails,
    what an error means), with a cause id.

    ``driver(call, args, kwargs)`` runs one function on a case (default: one call; a training step
    runs twice). ``upstream``: {name: (exercise number, check)} of the learner's earlier functions
    this one may call. ``axes``: per result, what its axes are ("B, N+1, F"), for shape messages.
    ``probes(make, got, expected, learner)``: the exercise's own property probes (``make()`` gives
    fresh arguments, ``learner`` runs the learner's function under the guard), tried first after a
    wrong value. ``callee_outputs``: {name of an earlier function of the learner's: the names of its
    results that the right answer uses (None for one it may ignore)}, to name a result left unused.
    Beyond values: results keep the inputs' dtype, inputs are not changed in place, gradients reach
    every input and parameter as the reference's do, and the first case also runs in float32."""
    __tracebackhide__ = True

    def learner(*args, **kwargs):
        return call_learner(exercise, fn, args, kwargs)

    def fail(problem: str, cause: str, case: Case, got: Any = None, expected: Any = None) -> None:
        __tracebackhide__ = True
        message = f"{exercise.label} is not right yet: {problem}\n  (on {case.description})."
        if got is not None:
            diagnosis = diagnose(bank, case, got, names, rtol, atol, driver)
            if diagnosis is not None:
                message += f"\n  Likely cause, {diagnosis.name}: {diagnosis.message}"
                cause = f"{exercise.number}:{diagnosis.key}"
            elif cause in ("values-differ", "shape-axis-size"):
                probe = _own_probe(probes, case, got, expected, learner)
                probe = probe or _guarded(
                    lambda: _unused_callee_output(fn, callee_outputs or {}, learner, case, got, len(names))
                )
                probe = probe or _guarded(
                    lambda: _probe(exercise, learner, case, got, expected, names, axes, driver, reference, fn)
                )
                if probe is not None:
                    message += f"\n  What the probes found: {probe[0]}."
                    cause = probe[1]
            elif cause.startswith("shape") and (
                found := next(
                    filter(
                        None,
                        map(
                            explain.same_values_other_shape,
                            names,
                            _as_tuple(got, len(names)),
                            _as_tuple(expected, len(names)),
                        ),
                    ),
                    None,
                )
            ):
                message += f"\n  What the probes found: {found[0]}."
                cause = found[1]
            elif cause in ("shape-factor-moved", "shape-batch-one", "shape-split-axis"):
                pass  # the shape message names the axis the pieces belong on; an edit search would blur it
            elif cause.startswith("shape") and reference is not None and case.expected is None:
                # a shape no probe reads: a change to the computation may still give it (another axis)
                params = explain.argument_names(fn, len(case.make()))
                plain = None if driver is _direct else driver
                probe = _guarded(
                    lambda: one_edit.nearest_edit(
                        reference,
                        case.make,
                        case.kwargs,
                        got,
                        names,
                        params,
                        plain,
                        learner=learner if plain is None else None,
                    )
                )
                if probe is not None:
                    message += f"\n  What the probes found: {probe[0]}."
                    cause = probe[1]
        found = _upstream_failure(fn, upstream or {})
        if found is not None:
            name, number, first = found
            message = (
                f"{exercise.label} fails, and your `{exercise.name}` calls your `{name}`, which fails "
                f"Exercise {number}: fix that first.\n  Exercise {number} says: {first}\n  " + message
            )
            cause = "upstream"
        raise CheckFailed(message, cause)

    for case in cases:
        # the expected result first: nothing the learner's function does can change it
        if case.expected is not None:
            expected = case.expected()
        else:
            expected = driver(reference, case.make(), case.kwargs)
        args = case.make()
        snapshot = _snapshot(fn, args)
        try:
            got = driver(learner, args, case.kwargs)
        except NotDone as not_done:
            text = str(not_done) or exercise.label
            raise CheckFailed(
                f"{exercise.label} is not written yet ({text}). Replace the line "
                "`raise NotImplementedError(...)` with your code, run the cell, then run this "
                "test cell again.",
                "not-written",
            ) from None
        except IntegrityError:
            raise
        except CheckFailed as failure:
            if failure.cause != "raised-error" or failure.error is None:
                raise
            problem, cause = explain.explain_error(exercise.label, fn, failure.error, failure.call_args or args)
            if cause == "dtype-mix" and driver is _direct and reference is not None and case.expected is None:
                more, deeper = _beyond_dtype(exercise, learner, reference, case, names, axes, fn, probes)
                problem, cause = problem + more, deeper or cause
            fail(problem, cause, case)
        found = _difference(expected, got, names, rtol, atol, axes)
        if found is None and extra is not None:
            text = extra(case.make(), got)
            found = (text, "values-differ") if text else None
        if found is None:
            text = _in_place_problem(snapshot)
            found = (text, "in-place") if text else None
        if found is None and gradients and driver is _direct and reference is not None and case.expected is None:
            found = _gradient_problem(exercise, fn, learner, reference, case, names)
        if found is not None:
            fail(found[0], found[1], case, got, expected)
    first = cases[0] if cases else None
    if first is not None and driver is _direct and reference is not None and first.expected is None:
        if _has_floats(first.make()):
            expected = reference(*_float32(first.make()), **first.kwargs)
            got = learner(*_float32(first.make()), **first.kwargs)
            found = _difference(expected, got, names, 1e-4, 1e-5, axes)
            if found is not None:
                raise CheckFailed(
                    f"{exercise.label} is right in float64 but not with float32 inputs: {found[0]}\n"
                    f"  (on {first.description}, in float32). Does your code fix a dtype (`dtype=torch.float64`, "
                    "`.double()`, a NumPy detour) instead of following the inputs'?",
                    "float32",
                )
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
