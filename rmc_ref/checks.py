"""The graders' checks for the exercises (``exercises/``), with teaching feedback.

Each ``check_<name>(fn)`` runs the learner's ``fn`` on small, *distinct* sizes and several seeds,
compares it with the ``rmc_ref`` function it mirrors (``torch.testing.assert_close``) and, on a
difference, raises :class:`CheckFailed` (an ``AssertionError``) whose message says what is wrong
in a learner's words. ``hidden=True`` uses other sizes and seeds (the hidden tests).

Diagnosis: every check also runs the known-wrong versions of the same function, the
*misconception bank* (:data:`MISCONCEPTIONS`, in ``rmc_ref/misconceptions.py``); when the learner's
output matches one of them the message names that misconception.

Anti-cheat (documented for instructors in ``docs/exercises.md``): the learner's function scores
0 on its cell when it delegates to ``rmc_ref`` (statically: names, aliases, closures, strings,
``importlib``/``sys.modules``/``getattr`` tricks; dynamically: ``sys.setprofile`` sees every
call into ``rmc_ref`` code while it runs), or when anything changed ``rmc_ref``, these checks or
the torch functions they rely on at run time.

The model modules of ``rmc_ref`` never import this module.
"""

from __future__ import annotations

import builtins
import copy
import dataclasses
import dis
import importlib
import math
import os
import sys
import types
from typing import Any, Callable, Iterable, Sequence

import torch
import torch.nn.functional as F
from torch import nn

import rmc_ref
from rmc_ref import _checks, attention, baselines, classifier, core, gating, init, memory
from rmc_ref.tasks import nth_farthest

__all__ = [
    "CHECKS",
    "CheckFailed",
    "MISCONCEPTIONS",
    "check_scaled_dot_product_attention",
    "check_split_heads",
    "check_merge_heads",
    "check_multi_head_attention",
]

# Captured at import, before any learner code runs: the checks use these, never a name the
# learner's notebook could rebind.
_isclose, _isfinite = torch.isclose, torch.isfinite
_setprofile, _getprofile = sys.setprofile, sys.getprofile
_PACKAGE_DIR = os.path.dirname(os.path.realpath(rmc_ref.__file__))


class CheckFailed(AssertionError):
    """A check's verdict: the learner's function is wrong (or not written yet, or cheats)."""


# =============================================================================================
# Integrity: nothing the checks rely on may change at run time.


def _namespaces() -> list[tuple[str, dict]]:
    spaces: list[tuple[str, dict]] = []
    for name, module in sorted(sys.modules.items()):
        if (name == "rmc_ref" or name.startswith("rmc_ref.")) and module is not None:
            spaces.append((name, vars(module)))
            for attr, value in list(vars(module).items()):
                if isinstance(value, type) and getattr(value, "__module__", None) == name:
                    spaces.append((f"{name}.{attr}", vars(value)))
    for label, obj in [
        ("torch", torch), ("torch.nn.functional", F), ("torch.testing", torch.testing),
        ("torch.Tensor", torch.Tensor), ("torch._C.TensorBase", torch._C.TensorBase),
        ("torch.nn.Module", nn.Module), ("torch.nn.Linear", nn.Linear),
        ("torch.nn.LayerNorm", nn.LayerNorm), ("torch.nn.Sequential", nn.Sequential),
        ("torch.nn.ReLU", nn.ReLU), ("torch.optim.Optimizer", torch.optim.Optimizer),
        ("torch.optim.Adam", torch.optim.Adam), ("torch.optim.SGD", torch.optim.SGD),
    ]:
        spaces.append((label, vars(obj)))
    return spaces


_BUILTIN_NAMES = ("isinstance", "getattr", "setattr", "hasattr", "len", "range", "sum", "min",
                  "max", "abs", "sorted", "zip", "enumerate", "float", "int", "type", "super",
                  "__import__", "compile", "exec", "eval")


def _fingerprint(value: Any) -> tuple:
    code = getattr(value, "__code__", None)
    return (id(value), id(code) if code is not None else None,
            id(getattr(value, "__defaults__", None)), id(getattr(value, "__kwdefaults__", None)))


_MISSING = object()


def _take_snapshot() -> list[list]:
    """[label, key, namespace, fingerprint, value] of everything the checks and the reference use."""
    snapshot = []
    for label, namespace in _namespaces():
        for key, value in list(namespace.items()):
            if key.startswith("__") and key not in ("__init__", "__call__", "__getattr__",
                                                    "__matmul__", "__add__", "__mul__"):
                continue
            snapshot.append([label, key, namespace, _fingerprint(value), value])
    for name in _BUILTIN_NAMES:
        value = getattr(builtins, name)
        snapshot.append(["builtins", name, vars(builtins), _fingerprint(value), value])
    for name, module in list(sys.modules.items()):
        if name == "rmc_ref" or name.startswith("rmc_ref."):
            snapshot.append(["sys.modules", name, sys.modules, _fingerprint(module), module])
    return snapshot


_TORCH_DIR = os.path.dirname(os.path.realpath(torch.__file__))


def _torch_own_wrapper(new: Any, old: Any) -> bool:
    """torch rebinds a few of its functions itself (importing torch._dynamo wraps
    torch.manual_seed in a functools.wraps wrapper): such a wrapper is not tampering."""
    code = getattr(new, "__code__", None)
    if not isinstance(code, types.CodeType):
        return False
    if not os.path.realpath(code.co_filename).startswith(_TORCH_DIR + os.sep):
        return False
    seen = 0
    while hasattr(new, "__wrapped__") and seen < 10:
        new, seen = new.__wrapped__, seen + 1
        if new is old:
            return True
    return False


def _changes_since_snapshot() -> list[str]:
    changed = []
    for entry in _SNAPSHOT:
        label, key, namespace, print_, old = entry
        new = namespace.get(key, _MISSING)
        if _fingerprint(new) == print_:
            continue
        if label.startswith("torch") and _torch_own_wrapper(new, old):
            entry[3], entry[4] = _fingerprint(new), new  # accept torch's own rebinding once
            continue
        changed.append(f"{label}.{key}" if label != "sys.modules" else f"sys.modules[{key!r}]")
    return changed


_TAMPERED: list[str] = []  # what was changed at run time; once non-empty, every check fails


def _assert_untouched() -> None:
    __tracebackhide__ = True
    changed = _changes_since_snapshot()
    for item in changed:
        if item not in _TAMPERED:
            _TAMPERED.append(item)
    if _TAMPERED:
        shown = ", ".join(_TAMPERED[:5]) + (" ..." if len(_TAMPERED) > 5 else "")
        raise CheckFailed(
            "Something in this notebook changed the course's reference code or its checks at run "
            f"time ({shown}). Graded cells score 0 after that. Restart the kernel, remove the code "
            "that assigns to rmc_ref, rmc_ref.checks or torch, and run all cells again.")


# =============================================================================================
# Delegation: the learner's function must compute, not call the reference.

# Global names and attribute names a graded function has no business using: they load code or
# modules at run time, or switch off the grader's call tracer.
_SUSPICIOUS_GLOBALS = {"__import__", "exec", "eval", "compile", "globals", "vars", "__builtins__",
                       "breakpoint", "open"}
_SUSPICIOUS_MODULES = {"sys", "importlib", "inspect", "builtins", "types", "gc", "ctypes", "runpy"}
_SUSPICIOUS_ATTRIBUTES = {"__import__", "import_module", "getsource", "setprofile", "settrace",
                          "modules", "sys", "__globals__", "__code__", "__builtins__", "f_globals",
                          "__closure__", "exec_module", "load_module", "__dict__", "__subclasses__"}
_LOAD_GLOBAL_OPS = {"LOAD_GLOBAL", "LOAD_NAME"}
_LOAD_ATTR_OPS = {"LOAD_ATTR", "LOAD_METHOD", "STORE_ATTR", "DELETE_ATTR"}


def _rmc_files() -> set[str]:
    files = set()
    for folder, _, names in os.walk(_PACKAGE_DIR):
        files.update(os.path.join(folder, name) for name in names if name.endswith(".py"))
    return files


_RMC_FILES = _rmc_files()


def _in_rmc(code: types.CodeType) -> bool:
    filename = code.co_filename
    if filename in _RMC_FILES:
        return True
    try:
        return os.path.realpath(filename) in _RMC_FILES
    except (OSError, ValueError):
        return False


def _nested_codes(code: types.CodeType) -> Iterable[types.CodeType]:
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _nested_codes(const)


def _is_rmc_object(value: Any) -> bool:
    if isinstance(value, types.ModuleType):
        return value.__name__ == "rmc_ref" or value.__name__.startswith("rmc_ref.")
    if isinstance(value, type):
        return False  # classes may be named (isinstance); calling their code is caught at run time
    module = getattr(value, "__module__", None)
    if isinstance(module, str) and (module == "rmc_ref" or module.startswith("rmc_ref.")):
        return not isinstance(value, nn.Module)  # the modules passed in as arguments are fine
    code = getattr(value, "__code__", None)
    return isinstance(code, types.CodeType) and _in_rmc(code)


def _static_delegation(fn: Callable, label: str) -> str | None:
    """Why ``fn`` (or a notebook helper it calls) reaches for ``rmc_ref``, or None."""
    if not isinstance(fn, types.FunctionType):
        return (f"{label} must be a function you define in this notebook with `def`, "
                f"got {type(fn).__name__}")
    if _in_rmc(fn.__code__) or _is_rmc_object(fn):
        return f"{label} is the course's reference function under another name, not your own code"
    seen: set[int] = set()
    todo = [fn]
    while todo:
        func = todo.pop()
        if id(func) in seen:
            continue
        seen.add(id(func))
        where = "" if func is fn else f" (in your helper `{func.__name__}`)"
        for cell in func.__closure__ or ():
            try:
                value = cell.cell_contents
            except ValueError:
                continue
            if _is_rmc_object(value):
                return f"{label} keeps a reference to rmc_ref{where}"
            if isinstance(value, types.FunctionType) and not _in_rmc(value.__code__):
                todo.append(value)
        for code in _nested_codes(func.__code__):
            for const in code.co_consts:
                if isinstance(const, str) and "rmc_ref" in const:
                    return f"{label} names the module 'rmc_ref' in a string{where}"
            for instruction in dis.get_instructions(code):
                name = instruction.argval
                if not isinstance(name, str):
                    continue
                if instruction.opname in _LOAD_ATTR_OPS and name in _SUSPICIOUS_ATTRIBUTES:
                    return (f"{label} uses `.{name}`{where}; graded functions may not load modules "
                            "or code at run time or reach into the interpreter")
                if instruction.opname not in _LOAD_GLOBAL_OPS:
                    continue
                if name in _SUSPICIOUS_GLOBALS:
                    return (f"{label} uses `{name}`{where}; graded functions may not load modules "
                            "or code at run time")
                value = func.__globals__.get(name, None)
                if value is None:
                    continue
                if isinstance(value, types.ModuleType) and value.__name__ in _SUSPICIOUS_MODULES:
                    return f"{label} uses the `{name}` module{where}; graded functions may not"
                if _is_rmc_object(value):
                    return f"{label} uses `{name}` from rmc_ref{where}"
                if isinstance(value, types.FunctionType) and not _in_rmc(value.__code__):
                    todo.append(value)
    return None


def _code_objects(*functions: Callable) -> frozenset[types.CodeType]:
    codes = set()
    for function in functions:
        codes.update(_nested_codes(function.__code__))
    return frozenset(codes)


_ALWAYS_ALLOWED = _code_objects(*[v for v in vars(_checks).values() if isinstance(v, types.FunctionType)
                                  and v.__module__ == _checks.__name__])


@dataclasses.dataclass(frozen=True)
class _Exercise:
    number: str  # "1.1"
    name: str  # the learner's function name, e.g. "scaled_dot_product_attention"
    mirrors: str  # the rmc_ref function it mirrors
    allowed: frozenset = frozenset()  # rmc_ref code the learner's function may run

    @property
    def label(self) -> str:
        return f"Exercise {self.number} (`{self.name}`)"


class _NotDone(Exception):
    pass


def _call_learner(exercise: _Exercise, fn: Callable, args: tuple, kwargs: dict | None = None):
    """Run the learner's function under the integrity and delegation guards."""
    __tracebackhide__ = True
    _assert_untouched()
    reason = _static_delegation(fn, exercise.label)
    if reason:
        raise CheckFailed(
            f"{reason}. Graded functions must compute the result themselves; this cell scores 0. "
            f"(`{exercise.mirrors}` is the reference the grader compares against, and calling it "
            "is not solving the exercise.)")
    allowed = exercise.allowed | _ALWAYS_ALLOWED
    hits: list[types.CodeType] = []

    def tracer(frame, event, arg):
        if event == "call":
            code = frame.f_code
            if code not in allowed and _in_rmc(code) and len(hits) < 5:
                hits.append(code)

    previous = _getprofile()
    _setprofile(tracer)
    try:
        result = fn(*args, **(kwargs or {}))
    except NotImplementedError as error:
        raise _NotDone(str(error)) from None
    except CheckFailed:
        raise
    except Exception as error:
        raise CheckFailed(
            f"{exercise.label} raised {type(error).__name__}: {error}\n"
            f"  on {_describe_args(args)}.\n"
            "  Read the error above; the shape comments in the exercise say what each tensor "
            "should look like.") from error
    finally:
        still_ours = _getprofile() is tracer
        try:
            _setprofile(previous)
        except TypeError:  # a C-level profiler (cProfile) cannot be reinstalled from Python
            _setprofile(None)
    if not still_ours:
        raise CheckFailed(f"{exercise.label} switched off the grader's call tracer "
                          "(sys.setprofile); this cell scores 0.")
    if hits:
        names = ", ".join(sorted({code.co_qualname for code in hits}))
        raise CheckFailed(
            f"{exercise.label} called the course's reference code ({names}) instead of computing "
            f"the result itself; this cell scores 0. Write `{exercise.name}` with torch operations.")
    _assert_untouched()
    return result


# =============================================================================================
# Comparing results, and naming the misconception a wrong result matches.


def _describe(value: Any) -> str:
    if isinstance(value, torch.Tensor):
        return f"tensor {list(value.shape)}"
    if isinstance(value, nn.Module):
        return type(value).__name__
    if isinstance(value, (tuple, list)):
        return "(" + ", ".join(_describe(v) for v in value) + ")"
    return repr(value)


def _describe_args(args: Sequence) -> str:
    return ", ".join(_describe(a) for a in args)


def _as_tuple(value: Any, count: int) -> tuple:
    if count == 1:
        return (value,)
    if isinstance(value, (tuple, list)):
        return tuple(value)
    return (value,)


def _difference(expected: Any, got: Any, names: Sequence[str], rtol: float, atol: float
                ) -> str | None:
    """None if ``got`` equals ``expected``, else a sentence saying what differs."""
    expected_t = _as_tuple(expected, len(names))
    got_t = _as_tuple(got, len(names))
    if len(got_t) != len(expected_t):
        return (f"it returned {len(got_t)} value(s) ({_describe(got)}), expected {len(expected_t)}: "
                + ", ".join(names))
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
                return (f"{name} differs from the reference: largest difference "
                        f"{gap.max().item():.3g} at index {where}")
        elif isinstance(want, float):
            if not isinstance(have, (float, int, torch.Tensor)) or isinstance(have, bool):
                return f"{name} should be a number, got {type(have).__name__}"
            have_f = float(have)
            if not math.isclose(have_f, want, rel_tol=rtol, abs_tol=atol):
                return f"{name} is {have_f:.6g}, expected {want:.6g}"
        elif have != want:
            return f"{name} is {have!r}, expected {want!r}"
    return None


@dataclasses.dataclass(frozen=True)
class Misconception:
    """One known-wrong version of an exercise's function: the mistake a learner really makes."""

    key: str  # short id, e.g. "softmax-query-axis"
    exercise: str  # "1.1"
    name: str  # named in the feedback
    message: str  # what to do instead
    source: str  # the wrong function, as a learner would write it

    @property
    def function(self) -> Callable:
        return _compile_misconception(self)


_MISCONCEPTION_NAMESPACE = {"torch": torch, "F": F, "nn": nn, "math": math}
_COMPILED: dict[str, Callable] = {}


def _compile_misconception(entry: Misconception) -> Callable:
    if entry.key not in _COMPILED:
        namespace = dict(_MISCONCEPTION_NAMESPACE)
        exec(compile(entry.source, f"<misconception {entry.key}>", "exec"), namespace)
        functions = [v for k, v in namespace.items()
                     if isinstance(v, types.FunctionType) and k not in _MISCONCEPTION_NAMESPACE]
        _COMPILED[entry.key] = functions[-1]  # the last def is the exercise's function
    return _COMPILED[entry.key]


@dataclasses.dataclass
class _Case:
    """One input set: ``make()`` returns fresh arguments (so in-place edits cannot leak)."""

    description: str
    make: Callable[[], tuple]


def _run_check(exercise: _Exercise, fn: Callable, reference: Callable, cases: Sequence[_Case],
               names: Sequence[str], bank: Sequence[Misconception], rtol: float = 1e-5,
               atol: float = 1e-6, extra: Callable[[tuple, Any], str | None] | None = None) -> None:
    __tracebackhide__ = True
    for case in cases:
        expected = reference(*case.make())
        try:
            got = _call_learner(exercise, fn, case.make())
        except _NotDone as not_done:
            text = str(not_done) or exercise.label
            raise CheckFailed(
                f"{exercise.label} is not written yet ({text}). Replace the line "
                "`raise NotImplementedError(...)` with your code, run the cell, then run this "
                "test cell again.") from None
        problem = _difference(expected, got, names, rtol, atol)
        if problem is None and extra is not None:
            problem = extra(case.make(), got)
        if problem is None:
            continue
        message = f"{exercise.label} is not right yet: {problem}\n  (on {case.description})."
        diagnosis = _diagnose(bank, case, got, names, rtol, atol)
        if diagnosis is not None:
            message += f"\n  Likely cause, {diagnosis.name}: {diagnosis.message}"
        raise CheckFailed(message)
    _assert_untouched()


def _diagnose(bank: Sequence[Misconception], case: _Case, got: Any, names: Sequence[str],
              rtol: float, atol: float) -> Misconception | None:
    for entry in bank:
        try:
            wrong = entry.function(*case.make())
        except Exception:
            continue
        if _difference(wrong, got, names, rtol, atol) is None:
            return entry
    return None


# =============================================================================================
# Inputs: small, distinct sizes; seeded; float64 so only real mistakes show as differences.


def _randn(*shape: int, seed: int) -> torch.Tensor:
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)


@torch.no_grad()
def _perturbed(module: nn.Module, seed: int, scale: float = 0.5) -> nn.Module:
    """float64 copy with every parameter perturbed, so LayerNorm gains and biases are not 1 / 0."""
    module = module.double()
    generator = torch.Generator().manual_seed(seed)
    for parameter in module.parameters():
        parameter.add_(scale * torch.randn(parameter.shape, generator=generator, dtype=parameter.dtype))
    return module


def _build(constructor: Callable[[], nn.Module], seed: int) -> nn.Module:
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        module = constructor()
    return _perturbed(module, seed + 1)


def _passed(exercise: _Exercise, hidden: bool) -> None:
    if not hidden:  # hidden tests stay silent: their feedback shows nothing about them
        print(f"{exercise.label} passed: it matches the reference on every input set.")


def _bank(number: str) -> list[Misconception]:
    from rmc_ref.misconceptions import MISCONCEPTIONS as bank
    return [entry for entry in bank if entry.exercise == number]


# =============================================================================================
# Exercise 1: attention

_EX_1_1 = _Exercise("1.1", "scaled_dot_product_attention",
                    "rmc_ref.attention.scaled_dot_product_attention")
_EX_1_2 = _Exercise("1.2", "split_heads", "rmc_ref.attention.MultiHeadAttention.split_heads")
_EX_1_3 = _Exercise("1.3", "merge_heads", "the last line of rmc_ref.attention.MultiHeadAttention.forward")
_EX_1_4 = _Exercise("1.4", "multi_head_attention", "rmc_ref.attention.MultiHeadAttention.forward")

_REF_SDPA = attention.scaled_dot_product_attention
_REF_SPLIT = attention.MultiHeadAttention.split_heads
_REF_FORWARD = attention.MultiHeadAttention.forward


def _sdpa_cases(hidden: bool) -> list[_Case]:
    # (leading dims, Nq, Nk, d_k, d_v): all distinct, so a swapped axis cannot go unnoticed.
    shapes = ([((3,), 4, 6, 7, 2, 21), ((2, 3), 5, 2, 3, 4, 22)] if hidden else
              [((2,), 3, 4, 5, 6, 0), ((2, 2), 3, 5, 4, 7, 1)])
    cases = []
    for lead, nq, nk, dk, dv, seed in shapes:
        def make(lead=lead, nq=nq, nk=nk, dk=dk, dv=dv, seed=seed):
            return (_randn(*lead, nq, dk, seed=seed), _randn(*lead, nk, dk, seed=seed + 100),
                    _randn(*lead, nk, dv, seed=seed + 200))
        cases.append(_Case(f"query {list(lead) + [nq, dk]}, key {list(lead) + [nk, dk]}, "
                           f"value {list(lead) + [nk, dv]}, seed {seed}", make))
    return cases


def check_scaled_dot_product_attention(fn: Callable, hidden: bool = False) -> None:
    """Exercise 1.1: ``fn(query, key, value) -> (out, weights)``, as ``rmc_ref.attention``'s."""
    __tracebackhide__ = True

    def rows_sum_to_one(args, got):
        weights = got[1]
        sums = weights.detach().sum(dim=-1)
        if not torch.allclose(sums, torch.ones_like(sums), atol=1e-5):
            return (f"each query's weights should sum to 1 over the keys; yours sum to "
                    f"{sums.flatten()[0].item():.3g}")
        return None

    _run_check(_EX_1_1, fn, _REF_SDPA, _sdpa_cases(hidden), ("out", "weights"), _bank("1.1"),
               extra=rows_sum_to_one)
    _passed(_EX_1_1, hidden)


def _mha_cases(hidden: bool) -> list[_Case]:
    # (B, N, H, d_k, d_v, seed)
    shapes = ([(3, 2, 3, 2, 5, 31), (1, 4, 2, 3, 2, 32)] if hidden else
              [(2, 3, 2, 4, 5, 10), (3, 4, 3, 2, 3, 11)])
    cases = []
    for batch, rows, heads, dk, dv, seed in shapes:
        def make(batch=batch, rows=rows, heads=heads, dk=dk, dv=dv, seed=seed):
            mha = _build(lambda: attention.MultiHeadAttention(heads, dk, dv), seed)
            return mha, _randn(batch, rows, heads * dv, seed=seed + 300)
        cases.append(_Case(f"MultiHeadAttention(num_heads={heads}, key_size={dk}, head_size={dv}), "
                           f"rows [{batch}, {rows}, {heads * dv}], seed {seed}", make))
    return cases


def check_split_heads(fn: Callable, hidden: bool = False) -> None:
    """Exercise 1.2: ``fn(attention, rows) -> (q, k, v)``, as ``MultiHeadAttention.split_heads``."""
    __tracebackhide__ = True
    _run_check(_EX_1_2, fn, _REF_SPLIT, _mha_cases(hidden), ("q", "k", "v"), _bank("1.2"))
    _passed(_EX_1_2, hidden)


def _merge_cases(hidden: bool) -> list[_Case]:
    shapes = [(3, 2, 4, 5, 41), (2, 4, 3, 2, 42)] if hidden else [(2, 3, 4, 5, 12), (3, 2, 5, 3, 13)]
    cases = []
    for batch, heads, rows, dv, seed in shapes:
        def make(batch=batch, heads=heads, rows=rows, dv=dv, seed=seed):
            return (_randn(batch, heads, rows, dv, seed=seed),)
        cases.append(_Case(f"attended [{batch}, {heads}, {rows}, {dv}] (B, H, N, d_v), seed {seed}", make))
    return cases


def _reference_merge(attended: torch.Tensor) -> torch.Tensor:
    batch, heads, rows, head_size = attended.shape
    return attended.transpose(1, 2).reshape(batch, rows, heads * head_size)  # [B, N, H*dv]


def check_merge_heads(fn: Callable, hidden: bool = False) -> None:
    """Exercise 1.3: ``fn(attended [B, H, N, d_v]) -> merged [B, N, H*d_v]``."""
    __tracebackhide__ = True
    _run_check(_EX_1_3, fn, _reference_merge, _merge_cases(hidden), ("merged",), _bank("1.3"))
    _passed(_EX_1_3, hidden)


def check_multi_head_attention(fn: Callable, hidden: bool = False) -> None:
    """Exercise 1.4: ``fn(attention, rows) -> (merged, weights)``, as ``MultiHeadAttention.forward``."""
    __tracebackhide__ = True
    _run_check(_EX_1_4, fn, _REF_FORWARD, _mha_cases(hidden), ("attended rows", "weights"),
               _bank("1.4"))
    _passed(_EX_1_4, hidden)


# =============================================================================================
# Registry: exercise number -> check (the tests and the mutation tool walk it).

CHECKS: dict[str, Callable[..., None]] = {
    "1.1": check_scaled_dot_product_attention,
    "1.2": check_split_heads,
    "1.3": check_merge_heads,
    "1.4": check_multi_head_attention,
}


# =============================================================================================
# Run-time protection of this module: assigning to rmc_ref.checks is refused and recorded.


def _protect_module() -> None:
    module = sys.modules[__name__]

    class _ProtectedModule(types.ModuleType):
        def __setattr__(self, name, value):
            _TAMPERED.append(f"rmc_ref.checks.{name}")
            raise AttributeError(
                f"rmc_ref.checks is read-only: assigning rmc_ref.checks.{name} changes the "
                "graders, and every graded cell after it scores 0")

        def __delattr__(self, name):
            _TAMPERED.append(f"rmc_ref.checks.{name}")
            raise AttributeError("rmc_ref.checks is read-only")

    module.__class__ = _ProtectedModule


# Import every module the checks use, then fingerprint them (the misconception bank included).
importlib.import_module("rmc_ref.misconceptions")
MISCONCEPTIONS = sys.modules["rmc_ref.misconceptions"].MISCONCEPTIONS
_SNAPSHOT = _take_snapshot()
_protect_module()
