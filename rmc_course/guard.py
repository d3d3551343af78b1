"""The anti-cheat guard: a graded function must compute its result, and nothing the checks rely
on may change while a notebook runs.

Used by every exercise module (``rmc_course.exercises``) through :func:`call_learner`. What it
catches, documented for instructors in ``docs/exercises.md``:

* **delegation**: the learner's function (or a notebook helper it calls) reaches for the course's
  code, ``rmc_ref`` or ``rmc_course``, statically (names, aliases, closures, strings,
  ``importlib``/``sys.modules``/``getattr`` tricks) or dynamically (``sys.setprofile`` sees every
  call into that code while the function runs). Each exercise's :class:`Exercise` rules say which
  ``rmc_ref`` code it may run; ``rmc_course`` code never (the misconception bank's functions
  excepted: they are wrong answers, fed to the checks by the tests);
* **tampering**: a snapshot, taken when the checks are imported, of every name in ``rmc_ref``,
  ``rmc_course`` and the torch functions the checks use; any change at run time fails every later
  check. The exercise modules and this one are read-only (:func:`seal`).
"""

from __future__ import annotations

import builtins
import dataclasses
import dis
import os
import sys
import types
from typing import Any, Callable, Iterable

import torch
import torch.nn.functional as F
from torch import nn

import rmc_ref
from rmc_ref import shapes

# Captured at import, before any learner code runs: the checks use these, never a name the
# learner's notebook could rebind.
_isclose, _isfinite = torch.isclose, torch.isfinite
_setprofile, _getprofile = sys.setprofile, sys.getprofile
_REF_DIR = os.path.dirname(os.path.realpath(rmc_ref.__file__))
_COURSE_DIR = os.path.dirname(os.path.realpath(__file__))
_PACKAGES = ("rmc_ref", "rmc_course")


def _ours(module_name: str) -> bool:
    """True for ``rmc_ref``, ``rmc_course`` and their submodules."""
    return any(module_name == name or module_name.startswith(name + ".") for name in _PACKAGES)


class CheckFailed(AssertionError):
    """A check's verdict: the learner's function is wrong (or not written yet, or cheats)."""


# =============================================================================================
# Integrity: nothing the checks rely on may change at run time.


def _namespaces() -> list[tuple[str, dict]]:
    spaces: list[tuple[str, dict]] = []
    for name, module in sorted(sys.modules.items()):
        if _ours(name) and module is not None:
            spaces.append((name, vars(module)))
            for attr, value in list(vars(module).items()):
                if isinstance(value, type) and getattr(value, "__module__", None) == name:
                    spaces.append((f"{name}.{attr}", vars(value)))
    for label, obj in [
        ("torch", torch),
        ("torch.nn.functional", F),
        ("torch.testing", torch.testing),
        ("torch.Tensor", torch.Tensor),
        ("torch._C.TensorBase", torch._C.TensorBase),
        ("torch.nn.Module", nn.Module),
        ("torch.nn.Linear", nn.Linear),
        ("torch.nn.LayerNorm", nn.LayerNorm),
        ("torch.nn.Sequential", nn.Sequential),
        ("torch.nn.ReLU", nn.ReLU),
        ("torch.optim.Optimizer", torch.optim.Optimizer),
        ("torch.optim.Adam", torch.optim.Adam),
        ("torch.optim.SGD", torch.optim.SGD),
    ]:
        spaces.append((label, vars(obj)))
    return spaces


_BUILTIN_NAMES = (
    "isinstance",
    "getattr",
    "setattr",
    "hasattr",
    "len",
    "range",
    "sum",
    "min",
    "max",
    "abs",
    "sorted",
    "zip",
    "enumerate",
    "float",
    "int",
    "type",
    "super",
    "__import__",
    "compile",
    "exec",
    "eval",
)


def _fingerprint(value: Any) -> tuple:
    code = getattr(value, "__code__", None)
    return (
        id(value),
        id(code) if code is not None else None,
        id(getattr(value, "__defaults__", None)),
        id(getattr(value, "__kwdefaults__", None)),
    )


_MISSING = object()


def _take_snapshot() -> list[list]:
    """[label, key, namespace, fingerprint, value] of everything the checks and the reference use."""
    snapshot = []
    for label, namespace in _namespaces():
        for key, value in list(namespace.items()):
            if key.startswith("__") and key not in (
                "__init__",
                "__call__",
                "__getattr__",
                "__matmul__",
                "__add__",
                "__mul__",
            ):
                continue
            snapshot.append([label, key, namespace, _fingerprint(value), value])
    for name in _BUILTIN_NAMES:
        value = getattr(builtins, name)
        snapshot.append(["builtins", name, vars(builtins), _fingerprint(value), value])
    for name, module in list(sys.modules.items()):
        if _ours(name):
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


def assert_untouched() -> None:
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
            "that assigns to rmc_ref, rmc_course or torch, and run all cells again."
        )


# =============================================================================================
# Delegation: the learner's function must compute, not call the reference.

# Global names and attribute names a graded function has no business using: they load code or
# modules at run time, or switch off the grader's call tracer.
_SUSPICIOUS_GLOBALS = {"__import__", "exec", "eval", "compile", "globals", "vars", "__builtins__", "breakpoint", "open"}
_SUSPICIOUS_MODULES = {"sys", "importlib", "inspect", "builtins", "types", "gc", "ctypes", "runpy"}
_SUSPICIOUS_ATTRIBUTES = {
    "__import__",
    "import_module",
    "getsource",
    "setprofile",
    "settrace",
    "modules",
    "sys",
    "__globals__",
    "__code__",
    "__builtins__",
    "f_globals",
    "__closure__",
    "exec_module",
    "load_module",
    "__dict__",
    "__subclasses__",
}
_LOAD_GLOBAL_OPS = {"LOAD_GLOBAL", "LOAD_NAME"}
_LOAD_ATTR_OPS = {"LOAD_ATTR", "LOAD_METHOD", "STORE_ATTR", "DELETE_ATTR"}


def _python_files(package_dir: str) -> frozenset[str]:
    files = set()
    for folder, _, names in os.walk(package_dir):
        files.update(os.path.join(folder, name) for name in names if name.endswith(".py"))
    return frozenset(files)


_REF_FILES = _python_files(_REF_DIR)
_COURSE_FILES = _python_files(_COURSE_DIR)
_PACKAGE_BY_FILENAME: dict[str, str | None] = {}
# Code objects of the misconception bank (wrong answers the tests feed to the checks as if a
# learner wrote them): not the course's code for the guard. Filled by seal().
_BANK_CODES: set[types.CodeType] = set()


def _package_of(code: types.CodeType) -> str | None:
    """'rmc_ref' or 'rmc_course' when ``code`` was loaded from that package's files, else None."""
    filename = code.co_filename
    if filename not in _PACKAGE_BY_FILENAME:
        try:
            real = os.path.realpath(filename)
        except (OSError, ValueError):
            real = ""
        package = None
        for files, name in ((_REF_FILES, "rmc_ref"), (_COURSE_FILES, "rmc_course")):
            if filename in files or real in files:
                package = name
        _PACKAGE_BY_FILENAME[filename] = package
    return _PACKAGE_BY_FILENAME[filename]


def _in_rmc(code: types.CodeType) -> bool:
    """True when ``code`` belongs to the course's packages (the bank's wrong answers excepted)."""
    return code not in _BANK_CODES and _package_of(code) is not None


def _nested_codes(code: types.CodeType) -> Iterable[types.CodeType]:
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _nested_codes(const)


def _is_rmc_object(value: Any) -> bool:
    if isinstance(value, types.ModuleType):
        return _ours(value.__name__)
    if isinstance(value, type):
        return False  # classes may be named (isinstance); calling their code is caught at run time
    code = getattr(value, "__code__", None)
    if isinstance(code, types.CodeType) and code in _BANK_CODES:
        return False
    module = getattr(value, "__module__", None)
    if isinstance(module, str) and _ours(module):
        return not isinstance(value, nn.Module)  # the modules passed in as arguments are fine
    return isinstance(code, types.CodeType) and _in_rmc(code)


def _static_delegation(fn: Callable, label: str) -> str | None:
    """Why ``fn`` (or a notebook helper it calls) reaches for ``rmc_ref``, or None."""
    if not isinstance(fn, types.FunctionType):
        return f"{label} must be a function you define in this notebook with `def`, got {type(fn).__name__}"
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
                named = next((p for p in _PACKAGES if isinstance(const, str) and p in const), None)
                if named:
                    return f"{label} names the module '{named}' in a string{where}"
            for instruction in dis.get_instructions(code):
                name = instruction.argval
                if not isinstance(name, str):
                    continue
                if instruction.opname in _LOAD_ATTR_OPS and name in _SUSPICIOUS_ATTRIBUTES:
                    return (
                        f"{label} uses `.{name}`{where}; graded functions may not load modules "
                        "or code at run time or reach into the interpreter"
                    )
                if instruction.opname not in _LOAD_GLOBAL_OPS:
                    continue
                if name in _SUSPICIOUS_GLOBALS:
                    return f"{label} uses `{name}`{where}; graded functions may not load modules or code at run time"
                value = func.__globals__.get(name, None)
                if value is None:
                    continue
                if isinstance(value, types.ModuleType) and value.__name__ in _SUSPICIOUS_MODULES:
                    return f"{label} uses the `{name}` module{where}; graded functions may not"
                if _is_rmc_object(value):
                    package = (
                        getattr(value, "__name__", "")
                        if isinstance(value, types.ModuleType)
                        else getattr(value, "__module__", "") or ""
                    )
                    return f"{label} uses `{name}` from {package.split('.')[0] or 'rmc_ref'}{where}"
                if isinstance(value, types.FunctionType) and not _in_rmc(value.__code__):
                    todo.append(value)
    return None


def code_objects(*functions: Callable) -> frozenset[types.CodeType]:
    codes = set()
    for function in functions:
        codes.update(_nested_codes(function.__code__))
    return frozenset(codes)


def _property_codes() -> frozenset:
    """Reading an attribute is not delegation: the getters of every rmc_ref property are allowed."""
    codes = set()
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith("rmc_ref"):
            continue
        for value in list(vars(module).values()):
            if isinstance(value, type) and value.__module__ == name:
                for member in vars(value).values():
                    if isinstance(member, property) and member.fget is not None:
                        codes.update(_nested_codes(member.fget.__code__))
    return frozenset(codes)


_ALWAYS_ALLOWED = (
    code_objects(
        *[v for v in vars(shapes).values() if isinstance(v, types.FunctionType) and v.__module__ == shapes.__name__]
    )
    | _property_codes()
)


@dataclasses.dataclass(frozen=True)
class Exercise:
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
        if _package_of(code) == "rmc_course":
            return True  # the course's machinery is never part of an answer
        if self.allow_all:
            return code in self.denied or os.path.realpath(code.co_filename) in self.denied_files
        return code not in self.allowed and code not in _ALWAYS_ALLOWED

    @property
    def label(self) -> str:
        return f"Exercise {self.number} (`{self.name}`)"


class NotDone(Exception):
    """The learner's function still raises NotImplementedError (the released stub)."""


def describe(value: Any) -> str:
    """A short description of an argument or result: ``tensor [2, 3]``, a module's class name."""
    if isinstance(value, torch.Tensor):
        return f"tensor {list(value.shape)}"
    if isinstance(value, nn.Module):
        return type(value).__name__
    if isinstance(value, (tuple, list)):
        return "(" + ", ".join(describe(v) for v in value) + ")"
    return repr(value)


def call_learner(exercise: Exercise, fn: Callable, args: tuple, kwargs: dict | None = None):
    """Run the learner's function under the integrity and delegation guards."""
    __tracebackhide__ = True
    assert_untouched()
    reason = _static_delegation(fn, exercise.label)
    if reason:
        raise CheckFailed(
            f"{reason}. Graded functions must compute the result themselves; this cell scores 0. "
            f"(`{exercise.mirrors}` is the reference the grader compares against, and calling it "
            "is not solving the exercise.)"
        )
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
        raise NotDone(str(error)) from None
    except CheckFailed:
        raise
    except Exception as error:
        raise CheckFailed(
            f"{exercise.label} raised {type(error).__name__}: {error}\n"
            f"  on {', '.join(describe(a) for a in args)}.\n"
            "  Read the error above; the shape comments in the exercise say what each tensor "
            "should look like."
        ) from error
    finally:
        still_ours = _getprofile() is tracer
        try:
            _setprofile(previous)
        except TypeError:  # a C-level profiler (cProfile) cannot be reinstalled from Python
            _setprofile(None)
    if not still_ours:
        raise CheckFailed(
            f"{exercise.label} switched off the grader's call tracer (sys.setprofile); this cell scores 0."
        )
    if hits:
        names = ", ".join(sorted({code.co_qualname for code in hits}))
        raise CheckFailed(
            f"{exercise.label} called the course's reference code ({names}) instead of computing "
            f"the result itself; this cell scores 0. Write `{exercise.name}` with torch operations."
        )
    assert_untouched()
    return result


def class_codes(cls: type) -> frozenset:
    """Code objects of every method and property getter defined in ``cls``."""
    codes = set()
    for value in vars(cls).values():
        if isinstance(value, types.FunctionType):
            codes.update(_nested_codes(value.__code__))
        elif isinstance(value, property) and value.fget is not None:
            codes.update(_nested_codes(value.fget.__code__))
    return frozenset(codes)


# =============================================================================================
# Sealing: the snapshot grows with every exercise module imported, and the checks are read-only.

_SNAPSHOT: list[list] = []
_SNAPSHOT_KEYS: set[tuple[str, str]] = set()


def _extend_snapshot() -> None:
    """Record what is not recorded yet (a module imported since); recorded entries stay as first seen."""
    for entry in _take_snapshot():
        key = (entry[0], entry[1])
        if key not in _SNAPSHOT_KEYS:
            _SNAPSHOT_KEYS.add(key)
            _SNAPSHOT.append(entry)


class _ReadOnlyModule(types.ModuleType):
    """A module whose attributes cannot be assigned or deleted; an attempt is remembered."""

    def __setattr__(self, name, value):
        _TAMPERED.append(f"{self.__name__}.{name}")
        raise AttributeError(
            f"{self.__name__} is read-only: assigning {self.__name__}.{name} changes the graders, "
            "and every graded cell after it scores 0"
        )

    def __delattr__(self, name):
        _TAMPERED.append(f"{self.__name__}.{name}")
        raise AttributeError(f"{self.__name__} is read-only")


def seal(module: types.ModuleType) -> None:
    """Called at the end of each exercise module, once everything its checks use is imported:
    its misconception bank becomes known to the guard, the snapshot takes in what was imported
    since the last seal, and the module, its harness and this guard become read-only."""
    for entry in getattr(module, "MISCONCEPTIONS", ()):
        _BANK_CODES.update(_nested_codes(entry.function.__code__))
    _extend_snapshot()
    for name in (module.__name__, "rmc_course.exercises.harness", __name__):
        target = sys.modules.get(name)
        if target is not None and type(target) is types.ModuleType:
            target.__class__ = _ReadOnlyModule
