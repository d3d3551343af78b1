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
from rmc_ref.misconceptions import MISCONCEPTIONS, Misconception
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


_IN_RMC_BY_FILENAME: dict[str, bool] = {}


def _in_rmc(code: types.CodeType) -> bool:
    filename = code.co_filename
    known = _IN_RMC_BY_FILENAME.get(filename)
    if known is None:
        try:
            known = filename in _RMC_FILES or os.path.realpath(filename) in _RMC_FILES
        except (OSError, ValueError):
            known = False
        _IN_RMC_BY_FILENAME[filename] = known
    return known


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


def _property_codes() -> frozenset:
    """Reading an attribute is not delegation: the getters of every rmc_ref property are allowed."""
    codes = set()
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "rmc_ref" or name.startswith("rmc_ref.")):
            continue
        for value in list(vars(module).values()):
            if isinstance(value, type) and value.__module__ == name:
                for member in vars(value).values():
                    if isinstance(member, property) and member.fget is not None:
                        codes.update(_nested_codes(member.fget.__code__))
    return frozenset(codes)


_ALWAYS_ALLOWED = _code_objects(*[v for v in vars(_checks).values() if isinstance(v, types.FunctionType)
                                  and v.__module__ == _checks.__name__]) | _property_codes()


@dataclasses.dataclass(frozen=True)
class _Exercise:
    number: str  # "1.1"
    name: str  # the learner's function name, e.g. "scaled_dot_product_attention"
    mirrors: str  # the rmc_ref function it mirrors
    allowed: frozenset = frozenset()  # rmc_ref code the learner's function may run
    allow_all: bool = False  # ... or all rmc_ref code except `denied` and `denied_files`
    denied: frozenset = frozenset()
    denied_files: frozenset = frozenset()

    def forbids(self, code: types.CodeType) -> bool:
        if not _in_rmc(code):
            return False
        if self.allow_all:
            return code in self.denied or os.path.realpath(code.co_filename) in self.denied_files
        return code not in self.allowed and code not in _ALWAYS_ALLOWED

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
    hits: list[types.CodeType] = []
    forbids = exercise.forbids

    def tracer(frame, event, arg):
        if event == "call" and len(hits) < 5 and forbids(frame.f_code):
            hits.append(frame.f_code)

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


@dataclasses.dataclass
class _Case:
    """One input set: ``make()`` returns fresh arguments (so in-place edits cannot leak)."""

    description: str
    make: Callable[[], tuple]
    kwargs: dict = dataclasses.field(default_factory=dict)
    expected: Callable[[], Any] | None = None  # overrides the reference for this case


def _direct(call: Callable, args: tuple, kwargs: dict) -> Any:
    return call(*args, **kwargs)


def _run_check(exercise: _Exercise, fn: Callable, reference: Callable | None,
               cases: Sequence[_Case], names: Sequence[str], bank: Sequence[Misconception],
               rtol: float = 1e-5, atol: float = 1e-6,
               extra: Callable[[tuple, Any], str | None] | None = None,
               driver: Callable[[Callable, tuple, dict], Any] = _direct) -> None:
    """Compare ``fn`` with ``reference`` on every case; on a difference raise CheckFailed naming
    the misconception it matches. ``driver(call, args, kwargs)`` runs one function on a case
    (default: one call; a training step runs twice)."""
    __tracebackhide__ = True

    def learner(*args, **kwargs):
        return _call_learner(exercise, fn, args, kwargs)

    for case in cases:
        try:
            got = driver(learner, case.make(), case.kwargs)
        except _NotDone as not_done:
            text = str(not_done) or exercise.label
            raise CheckFailed(
                f"{exercise.label} is not written yet ({text}). Replace the line "
                "`raise NotImplementedError(...)` with your code, run the cell, then run this "
                "test cell again.") from None
        if case.expected is not None:
            expected = case.expected()
        else:
            expected = driver(reference, case.make(), case.kwargs)
        problem = _difference(expected, got, names, rtol, atol)
        if problem is None and extra is not None:
            problem = extra(case.make(), got)
        if problem is None:
            continue
        message = f"{exercise.label} is not right yet: {problem}\n  (on {case.description})."
        diagnosis = _diagnose(bank, case, got, names, rtol, atol, driver)
        if diagnosis is not None:
            message += f"\n  Likely cause, {diagnosis.name}: {diagnosis.message}"
        raise CheckFailed(message)
    _assert_untouched()


def _diagnose(bank: Sequence[Misconception], case: _Case, got: Any, names: Sequence[str],
              rtol: float, atol: float, driver: Callable = _direct) -> Misconception | None:
    for entry in bank:
        try:
            wrong = driver(entry.function, case.make(), case.kwargs)
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
    for part in module.modules():  # the readable code the exercises mirror, not rmc_ref.fast
        if isinstance(part, core.RelationalMemory):
            part.fast_path = False
    return _perturbed(module, seed + 1)


def _passed(exercise: _Exercise, hidden: bool) -> None:
    if not hidden:  # hidden tests stay silent: their feedback shows nothing about them
        print(f"{exercise.label} passed: it matches the reference on every input set.")


def _bank(number: str) -> list[Misconception]:
    return [entry for entry in MISCONCEPTIONS if entry.exercise == number]


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
# Exercise 2: memory

_EX_2_1 = _Exercise("2.1", "initial_memory", "rmc_ref.memory.initial_memory")
_EX_2_2 = _Exercise("2.2", "project_input", "rmc_ref.memory.InputProjection.forward")
_EX_2_3 = _Exercise("2.3", "append_input_row", "rmc_ref.memory.append_input_row")
_EX_2_4 = _Exercise("2.4", "tile_input", "rmc_ref.memory.tile_input")

_REF_INITIAL_MEMORY = memory.initial_memory
_REF_PROJECT = memory.InputProjection.forward
_REF_APPEND = memory.append_input_row
_REF_TILE = memory.tile_input


def check_initial_memory(fn: Callable, hidden: bool = False) -> None:
    """Exercise 2.1: ``fn(batch_size, mem_slots, mem_size, *, dtype=None)`` -> [B, N, F]."""
    __tracebackhide__ = True
    # (B, N, F, dtype): fewer slots than units, more slots than units, and equal.
    sizes = ([(3, 4, 6, None), (2, 6, 4, torch.float64), (1, 3, 3, None)] if hidden else
             [(2, 3, 5, None), (3, 5, 2, torch.float64)])
    cases = [_Case(f"batch_size={b}, mem_slots={n}, mem_size={f}"
                   + (f", dtype={dtype}" if dtype is not None else ""),
                   lambda b=b, n=n, f=f: (b, n, f), {"dtype": dtype} if dtype is not None else {})
             for b, n, f, dtype in sizes]

    def own_storage(args, got):
        if got.shape[0] > 1 and got.stride(0) == 0:
            return ("every batch element shares one storage (expand without a copy): writing to "
                    "one memory would change them all; add .clone()")
        return None

    _run_check(_EX_2_1, fn, _REF_INITIAL_MEMORY, cases, ("memory",), _bank("2.1"),
               extra=own_storage)
    for case in cases:
        if "dtype" in case.kwargs:
            got = _call_learner(_EX_2_1, fn, case.make(), case.kwargs)
            if got.dtype != case.kwargs["dtype"]:
                raise CheckFailed(f"{_EX_2_1.label} is not right yet: with dtype={case.kwargs['dtype']} "
                                  f"it returned dtype {got.dtype}; pass dtype on to torch.eye / "
                                  "torch.zeros.")
    _passed(_EX_2_1, hidden)


def _projection_cases(hidden: bool) -> list[_Case]:
    sizes = [(3, 5, 4, 51), (1, 2, 6, 52)] if hidden else [(2, 7, 10, 20), (3, 4, 6, 21)]
    cases = []
    for batch, input_size, mem_size, seed in sizes:
        def make(batch=batch, input_size=input_size, mem_size=mem_size, seed=seed):
            projection = _build(lambda: memory.InputProjection(input_size, mem_size), seed)
            return projection, _randn(batch, input_size, seed=seed + 400)
        cases.append(_Case(f"InputProjection(input_size={input_size}, mem_size={mem_size}), "
                           f"inputs [{batch}, {input_size}], seed {seed}", make))
    return cases


def check_project_input(fn: Callable, hidden: bool = False) -> None:
    """Exercise 2.2: ``fn(projection, inputs [B, input_size]) -> x̂ [B, F]``."""
    __tracebackhide__ = True
    _run_check(_EX_2_2, fn, _REF_PROJECT, _projection_cases(hidden), ("projected input",),
               _bank("2.2"))
    _passed(_EX_2_2, hidden)


def _memory_input_cases(hidden: bool) -> list[_Case]:
    sizes = [(3, 4, 2, 61), (1, 2, 5, 62)] if hidden else [(2, 3, 5, 30), (3, 4, 6, 31)]
    cases = []
    for batch, slots, width, seed in sizes:
        def make(batch=batch, slots=slots, width=width, seed=seed):
            return _randn(batch, slots, width, seed=seed), _randn(batch, width, seed=seed + 500)
        cases.append(_Case(f"memory [{batch}, {slots}, {width}], projected input [{batch}, {width}], "
                           f"seed {seed}", make))
    return cases


def check_append_input_row(fn: Callable, hidden: bool = False) -> None:
    """Exercise 2.3: ``fn(memory [B, N, F], x̂ [B, F]) -> [B, N+1, F]``, the input as the last row."""
    __tracebackhide__ = True
    _run_check(_EX_2_3, fn, _REF_APPEND, _memory_input_cases(hidden), ("memory plus input",),
               _bank("2.3"))
    _passed(_EX_2_3, hidden)


def check_tile_input(fn: Callable, hidden: bool = False) -> None:
    """Exercise 2.4: ``fn(memory [B, N, F], x̂ [B, F]) -> [B, N, 2F]``, x̂ next to every slot."""
    __tracebackhide__ = True
    _run_check(_EX_2_4, fn, _REF_TILE, _memory_input_cases(hidden), ("tiled memory",),
               _bank("2.4"))
    _passed(_EX_2_4, hidden)


# =============================================================================================
# Exercise 3: gating

_EX_3_1 = _Exercise("3.1", "create_gates", "rmc_ref.gating.Gates.forward")
_EX_3_2 = _Exercise("3.2", "apply_gates", "rmc_ref.gating.apply_gates")

_REF_GATES = gating.Gates.forward
_REF_APPLY_GATES = gating.apply_gates


def check_create_gates(fn: Callable, hidden: bool = False) -> None:
    """Exercise 3.1: ``fn(gates, x̂ [B, F], memory [B, N, F]) -> (input_gate, forget_gate)``."""
    __tracebackhide__ = True
    # (B, N, F, style, forget_bias, input_bias, seed): both styles, biases that are not 0 and 1
    # apart, so a missing or swapped constant shows.
    sizes = ([(3, 2, 4, "memory", 1.0, -0.75, 71), (2, 4, 3, "unit", 2.0, 0.5, 72)] if hidden else
             [(2, 3, 5, "unit", 1.0, -0.5, 40), (3, 4, 6, "memory", 1.5, 0.25, 41)])
    cases = []
    for batch, slots, width, style, forget_bias, input_bias, seed in sizes:
        def make(batch=batch, slots=slots, width=width, style=style, fb=forget_bias,
                 ib=input_bias, seed=seed):
            gates = _build(lambda: gating.Gates(width, style, forget_bias=fb, input_bias=ib), seed)
            return (gates, _randn(batch, width, seed=seed + 600),
                    2 * _randn(batch, slots, width, seed=seed + 700))
        cases.append(_Case(f"Gates(mem_size={width}, gate_style={style!r}, forget_bias={forget_bias}, "
                           f"input_bias={input_bias}), x̂ [{batch}, {width}], memory "
                           f"[{batch}, {slots}, {width}], seed {seed}", make))
    _run_check(_EX_3_1, fn, _REF_GATES, cases, ("input gate", "forget gate"), _bank("3.1"))
    _passed(_EX_3_1, hidden)


def check_apply_gates(fn: Callable, hidden: bool = False) -> None:
    """Exercise 3.2: ``fn(M̃, M, input_gate, forget_gate) -> M'`` with gates [B, N, F] or [B, N, 1]."""
    __tracebackhide__ = True
    sizes = ([(3, 2, 4, 1, 81), (1, 4, 3, 3, 82)] if hidden else [(2, 3, 5, 5, 50), (3, 4, 6, 1, 51)])
    cases = []
    for batch, slots, width, gate_width, seed in sizes:
        def make(batch=batch, slots=slots, width=width, g=gate_width, seed=seed):
            return (2 * _randn(batch, slots, width, seed=seed), 2 * _randn(batch, slots, width, seed=seed + 1),
                    torch.sigmoid(_randn(batch, slots, g, seed=seed + 2)),
                    torch.sigmoid(_randn(batch, slots, g, seed=seed + 3)))
        cases.append(_Case(f"attended memory and memory [{batch}, {slots}, {width}], gates "
                           f"[{batch}, {slots}, {gate_width}], seed {seed}", make))
    _run_check(_EX_3_2, fn, _REF_APPLY_GATES, cases, ("next memory",), _bank("3.2"))
    _passed(_EX_3_2, hidden)


# =============================================================================================
# Exercise 4: the core

def _class_codes(cls: type) -> frozenset:
    codes = set()
    for value in vars(cls).values():
        if isinstance(value, types.FunctionType):
            codes.update(_nested_codes(value.__code__))
        elif isinstance(value, property) and value.fget is not None:
            codes.update(_nested_codes(value.fget.__code__))
    return frozenset(codes)


_ATTENTION_CODES = _class_codes(attention.MultiHeadAttention) | _code_objects(_REF_SDPA)
_PIECES = (_ATTENTION_CODES | _class_codes(memory.InputProjection) | _class_codes(gating.Gates)
           | _code_objects(gating.gate_size))
_EX_4_1 = _Exercise("4.1", "attend_over_memory", "rmc_ref.core.RelationalMemory.attend_over_memory",
                    allowed=_ATTENTION_CODES)
_EX_4_2 = _Exercise("4.2", "rmc_step", "rmc_ref.core.RelationalMemory.forward",
                    allowed=_PIECES | _code_objects(core.RelationalMemory.attend_over_memory,
                                                    core.AttentionBlock.forward, memory.append_input_row))
_EX_4_3 = _Exercise("4.3", "unroll", "rmc_ref.core.RelationalMemory.unroll", allow_all=True,
                    denied=_code_objects(core.RelationalMemory.unroll))

_REF_ATTEND = core.RelationalMemory.attend_over_memory
_REF_STEP = core.RelationalMemory.forward
_REF_UNROLL = core.RelationalMemory.unroll


def _core_cases(hidden: bool, kind: str) -> list[_Case]:
    # (B, input, N, d_v, H, d_k, blocks, gate_style, forget_bias, input_bias, T, seed)
    sizes = ([(3, 5, 4, 3, 3, 2, 3, "memory", 2.0, 0.5, 3, 91),
              (1, 6, 2, 4, 2, 3, 2, "unit", 1.0, -0.5, 2, 92)] if hidden else
             [(2, 7, 3, 5, 2, 4, 2, "unit", 1.0, -0.5, 3, 60),
              (3, 4, 4, 3, 2, 2, 1, "memory", 1.5, 0.25, 2, 61)])
    cases = []
    for batch, inp, slots, dv, heads, dk, blocks, style, fb, ib, steps, seed in sizes:
        def make_core(inp=inp, slots=slots, dv=dv, heads=heads, dk=dk, blocks=blocks, style=style,
                      fb=fb, ib=ib, seed=seed):
            return _build(lambda: core.RelationalMemory(
                inp, slots, dv, num_heads=heads, num_blocks=blocks, forget_bias=fb, input_bias=ib,
                gate_style=style, key_size=dk), seed)

        width = heads * dv
        label = (f"RelationalMemory(input_size={inp}, mem_slots={slots}, head_size={dv}, "
                 f"num_heads={heads}, num_blocks={blocks}, key_size={dk}, gate_style={style!r}, "
                 f"forget_bias={fb}, input_bias={ib}), ")
        if kind == "attend":
            def make(make_core=make_core, batch=batch, slots=slots, width=width, seed=seed):
                return (make_core(), _randn(batch, slots, width, seed=seed + 800),
                        _randn(batch, width, seed=seed + 900))
            cases.append(_Case(label + f"memory [{batch}, {slots}, {width}], projected input "
                               f"[{batch}, {width}], seed {seed}", make))
        elif kind == "step":
            def make(make_core=make_core, batch=batch, slots=slots, width=width, inp=inp, seed=seed):
                return (make_core(), _randn(batch, inp, seed=seed + 800),
                        _randn(batch, slots, width, seed=seed + 900))
            cases.append(_Case(label + f"x_t [{batch}, {inp}], state [{batch}, {slots}, {width}], "
                               f"seed {seed}", make))
        else:
            def make(make_core=make_core, batch=batch, inp=inp, steps=steps, seed=seed):
                return make_core(), _randn(batch, steps, inp, seed=seed + 800)
            cases.append(_Case(label + f"x [{batch}, {steps}, {inp}], state None, seed {seed}", make))

            def make_with_state(make_core=make_core, batch=batch, inp=inp, steps=steps, slots=slots,
                                width=width, seed=seed):
                return (make_core(), _randn(batch, steps, inp, seed=seed + 800),
                        _randn(batch, slots, width, seed=seed + 900))
            cases.append(_Case(label + f"x [{batch}, {steps}, {inp}], a given state, seed {seed}",
                               make_with_state))
    return cases


def check_attend_over_memory(fn: Callable, hidden: bool = False) -> None:
    """Exercise 4.1: ``fn(core, memory, x̂) -> (M̃ [B, N, F], weights [B, blocks, H, N+1, N+1])``."""
    __tracebackhide__ = True
    _run_check(_EX_4_1, fn, _REF_ATTEND, _core_cases(hidden, "attend"),
               ("attended memory", "weights"), _bank("4.1"))
    _passed(_EX_4_1, hidden)


def check_rmc_step(fn: Callable, hidden: bool = False) -> None:
    """Exercise 4.2: ``fn(core, x_t, state) -> (output [B, N*F], next state [B, N, F])``."""
    __tracebackhide__ = True
    _run_check(_EX_4_2, fn, _REF_STEP, _core_cases(hidden, "step"), ("output", "next state"),
               _bank("4.2"))
    _passed(_EX_4_2, hidden)


def check_unroll(fn: Callable, hidden: bool = False) -> None:
    """Exercise 4.3: ``fn(core, x [B, T, input], state=None) -> (outputs [B, T, N*F], state)``."""
    __tracebackhide__ = True
    _run_check(_EX_4_3, fn, _REF_UNROLL, _core_cases(hidden, "unroll"), ("outputs", "final state"),
               _bank("4.3"))
    _passed(_EX_4_3, hidden)


# =============================================================================================
# Exercise 5: N-th Farthest

_EX_5_1 = _Exercise("5.1", "nth_farthest_labels", "the labels of rmc_ref.tasks.nth_farthest.NthFarthest.sample",
                    allowed=_class_codes(nth_farthest.NthFarthest)
                    - _code_objects(nth_farthest.NthFarthest.sample))
_EX_5_2 = _Exercise("5.2", "train_step", "the training step of rmc_ref.train.train_one",
                    allow_all=True, denied_files=frozenset(
                        os.path.join(_PACKAGE_DIR, name) for name in ("train.py", "sweep.py")))


def check_nth_farthest_labels(fn: Callable, hidden: bool = False) -> None:
    """Exercise 5.1: ``fn(task, inputs) -> labels [B]``: the answer of every question, by hand."""
    __tracebackhide__ = True
    sizes = [(6, 4, 5, 101), (3, 2, 9, 102)] if hidden else [(5, 3, 8, 70), (4, 6, 8, 71)]
    cases = []
    for objects, features, batch, seed in sizes:
        task = nth_farthest.NthFarthest(num_objects=objects, num_features=features)

        def sample(task=task, batch=batch, seed=seed):
            return task.sample(batch, generator=torch.Generator().manual_seed(seed))

        cases.append(_Case(f"NthFarthest(num_objects={objects}, num_features={features}), "
                           f"a batch of {batch}, seed {seed}",
                           lambda task=task, sample=sample: (task, sample()[0]),
                           expected=lambda sample=sample: sample()[1]))
    _run_check(_EX_5_1, fn, None, cases, ("labels",), _bank("5.1"))
    _passed(_EX_5_1, hidden)


def _reference_train_step(model, optimizer, inputs, labels):
    """One step of rmc_ref.train.train_one's loop (without its logging)."""
    logits = model(inputs)  # [B, C]
    loss = F.cross_entropy(logits, labels)
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()
    return loss.item()


def _two_steps(call: Callable, args: tuple, kwargs: dict):
    """Two training steps in a row (a missing zero_grad shows in the second) -> losses, parameters."""
    model, optimizer, batches = args
    losses = [call(model, optimizer, inputs, labels) for inputs, labels in batches]
    parameters = torch.cat([p.detach().flatten() for p in model.parameters()])
    gradients = torch.cat([(p.grad if p.grad is not None else torch.zeros_like(p)).detach().flatten()
                           for p in model.parameters()])
    return losses[0], losses[1], parameters, gradients


def check_train_step(fn: Callable, hidden: bool = False) -> None:
    """Exercise 5.2: ``fn(model, optimizer, inputs, labels) -> loss`` (a float), one Adam step."""
    __tracebackhide__ = True
    sizes = [(5, 2, 6, 3, 111)] if hidden else [(4, 3, 5, 2, 80)]
    cases = []
    for objects, features, batch, slots, seed in sizes:
        task = nth_farthest.NthFarthest(num_objects=objects, num_features=features)

        def make(task=task, batch=batch, slots=slots, seed=seed):
            model = _build(lambda: classifier.SequenceClassifier(
                core.RelationalMemory(task.input_size, slots, 3, num_heads=2), task.num_classes,
                hidden_sizes=(8,)), seed)
            optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
            generator = torch.Generator().manual_seed(seed + 1)
            batches = []
            for _ in range(2):
                inputs, labels = task.sample(batch, generator=generator)
                batches.append((inputs.double(), labels))
            return model, optimizer, batches

        cases.append(_Case(f"SequenceClassifier(RelationalMemory) on NthFarthest(num_objects={objects}, "
                           f"num_features={features}), Adam(lr=0.01), two steps on batches of "
                           f"{batch}, seed {seed}", make))
    _run_check(_EX_5_2, fn, _reference_train_step, cases,
               ("loss of the first step", "loss of the second step", "parameters after two steps",
                "gradients after two steps"),
               _bank("5.2"), rtol=1e-6, atol=1e-7, driver=_two_steps)
    _passed(_EX_5_2, hidden)


# =============================================================================================
# Registry: exercise number -> check (the tests and the mutation tool walk it).

CHECKS: dict[str, Callable[..., None]] = {
    "1.1": check_scaled_dot_product_attention,
    "1.2": check_split_heads,
    "1.3": check_merge_heads,
    "1.4": check_multi_head_attention,
    "2.1": check_initial_memory,
    "2.2": check_project_input,
    "2.3": check_append_input_row,
    "2.4": check_tile_input,
    "3.1": check_create_gates,
    "3.2": check_apply_gates,
    "4.1": check_attend_over_memory,
    "4.2": check_rmc_step,
    "4.3": check_unroll,
    "5.1": check_nth_farthest_labels,
    "5.2": check_train_step,
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


# Every module the checks use is imported by now: fingerprint them (the misconception bank included).
_SNAPSHOT = _take_snapshot()
_protect_module()
