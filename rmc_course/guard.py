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

import _thread
import builtins
import dataclasses
import dis
import os
import sys
import threading
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
    """A check's verdict: the learner's function is wrong (or not written yet, or cheats).

    ``cause`` is the diagnosis's stable id (``values-differ``, ``1.1:softmax-query-axis``...): it
    ends the message's first line as ``[cause: <id>]``, where the grader reads it for the class
    report of causes. The first line is always the check's own words; anything the learner's code
    said (an exception's text) comes on later lines."""

    def __init__(self, message: str = "", cause: str | None = None, error: BaseException | None = None, args=()):
        self.cause = cause or "values-differ"
        self.error, self.call_args = error, args
        first, _, rest = str(message).partition("\n")
        super().__init__(f"{first} [cause: {self.cause}]" + (f"\n{rest}" if rest else ""))
        self.plain = str(message)  # the message without its tag


class IntegrityError(CheckFailed):
    """The learner's code changed what the checks or the kernel rely on: the test scores 0, and
    the grader flags the submission with this message (it names the mechanism)."""

    def __init__(self, message: str = "", cause: str | None = None, **kwargs):
        super().__init__(message, cause or "integrity", **kwargs)


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
        raise IntegrityError(
            "Something in this notebook changed the course's reference code or its checks at run "
            f"time ({shown}). Graded cells score 0 after that. Restart the kernel, remove the code "
            "that assigns to rmc_ref, rmc_course or torch, and run all cells again."
        )


# =============================================================================================
# Delegation: the learner's function must compute, not call the reference.

# Global names and attribute names a graded function has no business using: they load code or
# modules at run time, or switch off the grader's call tracer.
_SUSPICIOUS_GLOBALS = {
    "__import__",
    "exec",
    "eval",
    "compile",
    "globals",
    "vars",
    "__builtins__",
    "breakpoint",
    "open",
    "get_ipython",
    "getattr",
    "setattr",
    "delattr",
    "locals",
}
# What a graded function may import (in its body): the modules the exercises use. Anything else
# (sys, os, gc, ctypes, threading, IPython, io...) is not needed to compute a tensor.
_IMPORTABLE = {
    "torch",
    "math",
    "numpy",
    "typing",
    "functools",
    "itertools",
    "collections",
    "dataclasses",
    "rmc_ref",
}
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
    "__class__",
    "__bases__",
    "__mro__",
    "__self__",
    "__func__",
    "__defaults__",
    "__kwdefaults__",
    "__torch_function__",
    "__torch_dispatch__",
    "__getattribute__",
    "__setattr__",
    "__delattr__",
    "__reduce__",
    "__reduce_ex__",
    "__init_subclass__",
    "__del__",
    "_render_traceback_",
    "_getframe",
    "f_back",
    "f_locals",
    "f_trace",
    "tb_frame",
    "gi_frame",
    "cr_frame",
    "addaudithook",
    "excepthook",
    "displayhook",
    "os",
    "gc",
    "ctypes",
    "threading",
    "multiprocessing",
    "overrides",
    "library",
    "register_forward_hook",
    "register_hook",
    "register_full_backward_hook",
    "Function",
    "register_forward_pre_hook",
    "register_module_forward_hook",
    "register_module_forward_pre_hook",
    "set_default_dtype",
    "kernel",
    "events",
    "user_ns",
    "attrgetter",
    "methodcaller",
    "_thread",
    "start_new_thread",
    "fork",
    "_exit",
    "getprofile",
    "gettrace",
    "tb_next",
    "f_code",
    "gi_code",
    "co_code",
    "__traceback__",
    "__wrapped__",
    # torch's registries below Python: operator overrides and global optimizer hooks
    "Library",
    "custom_op",
    "register_kernel",
    "register_fake",
    "register_optimizer_step_pre_hook",
    "register_optimizer_step_post_hook",
    "register_module_full_backward_hook",
    "register_module_buffer_registration_hook",
    "register_module_parameter_registration_hook",
    "register_module_module_registration_hook",
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
                if instruction.opname == "IMPORT_NAME" and name.split(".")[0] not in _IMPORTABLE:
                    return f"{label} imports `{name}`{where}; graded functions may import only " + ", ".join(
                        sorted(_IMPORTABLE)
                    )
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
                if isinstance(value, types.FunctionType) and value.__code__ in _GRADER_HOOK_CODES:
                    continue  # a probe's stand-in for one of the learner's functions, put there by the grader
                if _is_rmc_object(value):
                    package = (
                        getattr(value, "__name__", "")
                        if isinstance(value, types.ModuleType)
                        else getattr(value, "__module__", "") or ""
                    )
                    return f"{label} uses `{name}` from {package.split('.')[0] or 'rmc_ref'}{where}"
                if isinstance(value, types.FunctionType) and not _in_rmc(value.__code__):
                    todo.append(value)
                if isinstance(value, type) and value.__module__ == func.__globals__.get("__name__"):
                    reason = _notebook_class(value, name, label, where)
                    if reason:
                        return reason
                    for member in vars(value).values():
                        member = member.__func__ if isinstance(member, (staticmethod, classmethod)) else member
                        if isinstance(member, types.FunctionType):
                            todo.append(member)
    return None


def _notebook_class(cls: type, name: str, label: str, where: str) -> str | None:
    """Why a class of the notebook's, used by a graded function, is not allowed (None: it is)."""
    if issubclass(cls, torch.autograd.Function):
        return (
            f"{label} uses `{name}`, a custom torch.autograd.Function{where}: its backward is written by "
            "hand, so the gradient checks would test your backward, not your computation"
        )
    if issubclass(cls, torch.Tensor):
        return (
            f"{label} uses `{name}`, a subclass of torch.Tensor{where}: a subclass's methods can answer "
            "torch's functions and comparisons in place of real values, so graded functions work with "
            "and return plain tensors"
        )
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


_GRADER_HOOK_CODES: set[types.CodeType] = set()


def grader_hook(function: Callable) -> Callable:
    """Mark ``function`` (and the functions nested in it) as grader code that may run inside a learner's
    call: the layer hooks through which the feedback's probes watch which layer gets which input."""
    _GRADER_HOOK_CODES.update(_nested_codes(function.__code__))
    return function


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
        if code in _GRADER_HOOK_CODES:
            return False  # the probes' layer hooks, which run inside the learner's call by design
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


# =============================================================================================
# The kernel watch: what a learner's function may not leave changed when it returns.
#
# A graded function runs inside the kernel that reports the test's result, so it could change how
# that result is reported (the kernel's session, IPython's hooks and error display, tracing
# hooks, builtins, sys.modules, torch's interception modes, the notebook's own names). The watch
# records these before each call and compares after it; whatever changed is put back (so the
# error can still be reported) and the test fails with IntegrityError naming the mechanism.

_threading = threading
_thread_count = _thread._count
_len_function_modes = torch._C._len_torch_function_stack
_len_dispatch_modes = torch._C._len_torch_dispatch_stack
_pop_function_mode = torch._C._pop_torch_function_stack
_pop_dispatch_mode = torch._C._pop_torch_dispatch_stack
_module_hooks = sys.modules["torch.nn.modules.module"]
_optimizer_hooks = sys.modules["torch.optim.optimizer"]
# New sys.modules entries made in code (no file behind them) matter under these names: a fake
# IPython, bdb or rmc_course module changes what the kernel or the checks import next.
_WATCHED_MODULE_ROOTS = {
    "rmc_ref",
    "rmc_course",
    "IPython",
    "ipykernel",
    "jupyter_client",
    "zmq",
    "bdb",
    "pdb",
    "traceback",
    "linecache",
    "builtins",
    "sys",
    "threading",
    "torch",
    "numpy",
    "math",
    "nbgrader",
    "nbclient",
}
_SYS_HOOKS = ("excepthook", "displayhook", "breakpointhook", "unraisablehook", "stdout", "stderr", "stdin")
_EXCEPTION_TYPES = tuple(
    {value for value in vars(builtins).values() if isinstance(value, type) and issubclass(value, BaseException)}
    | {CheckFailed, IntegrityError, object, type}
)
_clone = torch.Tensor.clone
_Tensor = torch.Tensor


def _methods(obj: Any) -> dict:
    """The callables and properties an object or class holds in its own __dict__, by identity."""
    try:
        namespace = object.__getattribute__(obj, "__dict__")
    except (AttributeError, TypeError):
        return {}
    return {
        k: v for k, v in list(namespace.items()) if callable(v) or isinstance(v, (property, classmethod, staticmethod))
    }


def _kernel_objects() -> dict[str, Any]:
    """IPython's shell, the kernel, their sessions and displays (when running in a kernel)."""
    shell_module = sys.modules.get("IPython.core.getipython")
    shell = shell_module.get_ipython() if shell_module is not None else None
    if shell is None:
        return {}
    objects = {"shell": shell, "shell.displayhook": shell.displayhook, "shell.display_pub": shell.display_pub}
    objects["shell.events"] = shell.events
    kernel = getattr(shell, "kernel", None)
    if kernel is not None:
        objects["kernel"] = kernel
        for owner, label in (
            (kernel, "kernel"),
            (shell.displayhook, "displayhook"),
            (shell.display_pub, "display_pub"),
        ):
            session = getattr(owner, "session", None)
            if session is not None:
                objects[f"{label}.session"] = session
        for name in ("iopub_socket", "iopub_thread", "shell_stream"):
            value = getattr(kernel, name, None)
            if value is not None:
                objects[f"kernel.{name}"] = value
    return objects


def _shell_lists(shell: Any) -> dict[str, tuple]:
    lists = {}
    for name in ("input_transformers_cleanup", "input_transformers_post", "ast_transformers", "custom_exceptions"):
        value = getattr(shell, name, None)
        if isinstance(value, (list, tuple)):
            lists[f"shell.{name}"] = tuple(id(v) for v in value)
    manager = getattr(shell, "input_transformer_manager", None)
    for name in ("cleanup_transforms", "line_transforms", "token_transformers"):
        value = getattr(manager, name, None)
        if isinstance(value, list):
            lists[f"shell.input_transformer_manager.{name}"] = tuple(id(v) for v in value)
    callbacks = getattr(getattr(shell, "events", None), "callbacks", None)
    if isinstance(callbacks, dict):
        for event, registered in callbacks.items():
            lists[f"shell.events[{event!r}]"] = tuple(id(v) for v in registered)
    lists["shell.CustomTB"] = (id(getattr(shell, "CustomTB", None)),)
    return lists


class _Watch:
    """Everything a graded call may not change, recorded just before it."""

    def __init__(self, user_ns: dict | None):
        self.user_ns = user_ns
        self.objects = _kernel_objects()
        self.types = {label: type(obj) for label, obj in self.objects.items()}
        self.methods = {label: _methods(obj) for label, obj in self.objects.items()}
        classes = {f"class {cls.__module__}.{cls.__qualname__}": cls for cls in self.types.values()}
        result_type = getattr(sys.modules.get("IPython.core.interactiveshell"), "ExecutionResult", None)
        if result_type is not None:
            classes["class ExecutionResult"] = result_type
        classes.update({f"class {t.__name__}": t for t in _EXCEPTION_TYPES})
        self.classes = classes
        self.class_dicts = {label: dict(vars(cls)) for label, cls in classes.items()}
        self.lists = _shell_lists(self.objects["shell"]) if "shell" in self.objects else {}
        self.sys_hooks = {name: getattr(sys, name, None) for name in _SYS_HOOKS}
        self.trace = sys.gettrace()
        self.thread_hooks = (getattr(_threading, "_trace_hook", None), getattr(_threading, "_profile_hook", None))
        self.threads = (_thread_count(), _threading.active_count() if _threading else 0)
        self.modules = dict(sys.modules)
        self.builtins = dict(vars(builtins))
        self.modes = (_len_function_modes(), _len_dispatch_modes())
        self.module_hooks = {
            (module.__name__, name): len(value)
            for module in (_module_hooks, _optimizer_hooks)
            for name, value in vars(module).items()
            if name.startswith("_global_") and isinstance(value, dict)
        }
        # the notebook's names that hold modules, the checks or the reference (checks, torch, Gates)
        self.names = {}
        if user_ns is not None:
            for key, value in list(user_ns.items()):
                if isinstance(value, types.ModuleType) or _is_course_object(value):
                    self.names[key] = value
        self.grad, self.dtype = torch.is_grad_enabled(), torch.get_default_dtype()

    def undo(self) -> list[str]:
        """Put back what changed; return what it was, in words (empty: nothing changed)."""
        changed = []
        for label, obj in self.objects.items():
            if type(obj) is not self.types[label]:
                changed.append(f"the class of {label} (swapped to {type(obj).__name__})")
                try:
                    object.__setattr__(obj, "__class__", self.types[label])
                except TypeError:
                    pass
            now = _methods(obj)
            for key in set(now) | set(self.methods[label]):
                if now.get(key, _MISSING) is not self.methods[label].get(key, _MISSING):
                    changed.append(f"{label}.{key}")
                    namespace = object.__getattribute__(obj, "__dict__")
                    if key in self.methods[label]:
                        namespace[key] = self.methods[label][key]
                    else:
                        namespace.pop(key, None)
        for label, cls in self.classes.items():
            before, now = self.class_dicts[label], vars(cls)
            for key in set(now) | set(before):
                if now.get(key, _MISSING) is not before.get(key, _MISSING):
                    changed.append(f"{label}.{key}")
                    try:
                        if key in before:
                            type.__setattr__(cls, key, before[key])
                        else:
                            type.__delattr__(cls, key)
                    except (TypeError, AttributeError):
                        pass
        if "shell" in self.objects and _shell_lists(self.objects["shell"]) != self.lists:
            now = _shell_lists(self.objects["shell"])
            changed += [name for name in set(now) | set(self.lists) if now.get(name) != self.lists.get(name)]
            # a hook the function registered: take it out again (registered before: kept)
            shell = self.objects["shell"]
            for name in ("input_transformers_cleanup", "input_transformers_post", "ast_transformers"):
                value = getattr(shell, name, None)
                if isinstance(value, list):
                    keep = set(self.lists.get(f"shell.{name}", ()))
                    value[:] = [v for v in value if id(v) in keep]
            callbacks = getattr(getattr(shell, "events", None), "callbacks", {})
            for event, registered in callbacks.items():
                keep = set(self.lists.get(f"shell.events[{event!r}]", ()))
                registered[:] = [v for v in registered if id(v) in keep]
        for name, value in self.sys_hooks.items():
            if getattr(sys, name, None) is not value:
                changed.append(f"sys.{name}")
                setattr(sys, name, value)
        if sys.gettrace() is not self.trace:
            changed.append("sys.settrace (a tracing hook)")
            sys.settrace(self.trace)
        if _threading is not None:
            hooks = (getattr(_threading, "_trace_hook", None), getattr(_threading, "_profile_hook", None))
            if hooks != self.thread_hooks:
                changed.append("threading.settrace/setprofile")
                _threading._trace_hook, _threading._profile_hook = self.thread_hooks
            if _thread_count() > self.threads[0] or _threading.active_count() > self.threads[1]:
                changed.append("a thread it started, still running")
        for key in set(sys.modules) | set(self.modules):
            now = sys.modules.get(key, _MISSING)
            before = self.modules.get(key, _MISSING)
            if now is before:
                continue
            if before is _MISSING and (
                key.split(".")[0] not in _WATCHED_MODULE_ROOTS
                or getattr(getattr(now, "__spec__", None), "origin", None) is not None
            ):
                continue  # a module imported the usual way (from a file, or built in)
            changed.append(f"sys.modules[{key!r}]")
            if before is _MISSING:
                sys.modules.pop(key, None)
            else:
                sys.modules[key] = before
        now = vars(builtins)
        for key in set(now) | set(self.builtins):
            if now.get(key, _MISSING) is not self.builtins.get(key, _MISSING):
                changed.append(f"builtins.{key}")
                if key in self.builtins:
                    now[key] = self.builtins[key]
                else:
                    now.pop(key, None)
        if (_len_function_modes(), _len_dispatch_modes()) != self.modes:
            changed.append("a torch function or dispatch mode (intercepts torch's functions)")
            while _len_function_modes() > self.modes[0]:
                _pop_function_mode()
            while _len_dispatch_modes() > self.modes[1]:
                _pop_dispatch_mode()
        for (module, name), count in self.module_hooks.items():
            hooks = getattr(sys.modules[module], name, {})
            if len(hooks) != count:
                kind = "nn.Module" if module == _module_hooks.__name__ else "optimizer"
                changed.append(f"a global {kind} hook ({name})")
                for key in list(hooks)[count:]:
                    hooks.pop(key, None)
        if self.user_ns is not None:
            for key, value in self.names.items():
                if self.user_ns.get(key, _MISSING) is not value:
                    changed.append(f"the notebook's name `{key}`")
                    self.user_ns[key] = value
        # not cheating, but it would change every later check: put back without a word
        torch.set_grad_enabled(self.grad)
        torch.set_default_dtype(self.dtype)
        return changed


# =============================================================================================
# The run-time audit: what a learner's function may not *do* while it runs, in any thread.
#
# Python raises an audit event (PEP 578) before reading a frame or a code object, changing a
# function's code or defaults, installing a tracer or profiler, forking, opening a file, importing,
# compiling... One audit hook, installed when this module is imported, can never be removed by
# Python code. While a learner's function runs (and while gradients flow back through it), every
# event outside a short list of harmless ones is refused: the operation raises, and the call scores
# 0 with the event named (IntegrityError), even if the learner's code caught the error. The list
# is an allowlist, so an event nobody thought of is refused too.

_HARMLESS_EVENTS = frozenset(
    {
        "builtins.id",  # id(x)
        "time.sleep",
        "sys.excepthook",
        "sys.unraisablehook",
        "array.__new__",
    }
)
# Why an event is refused, in words an instructor can act on (the event's name follows).
_EVENT_WORDS = (
    ("object.__getattr__", "read the interpreter's internals (stack frames, code, defaults)"),
    ("object.__setattr__", "rewrote a function or class at run time"),
    ("object.__delattr__", "rewrote a function or class at run time"),
    ("sys._getframe", "read the grader's stack frames"),
    ("sys._current_frames", "read the grader's stack frames"),
    ("sys.setprofile", "switched the grader's call tracer (sys.setprofile)"),
    ("sys.settrace", "installed a tracing hook (sys.settrace)"),
    ("sys.addaudithook", "installed an audit hook"),
    ("code.__new__", "built code objects at run time (code.replace)"),
    ("function.__new__", "built functions from code objects at run time"),
    ("os.fork", "forked the kernel"),
    ("os.", "used the operating system (os)"),
    ("subprocess.", "started a process"),
    ("gc.", "searched the interpreter's objects (gc)"),
    ("ctypes.", "used ctypes"),
    ("open", "opened a file"),
    ("import", "imported a module at run time"),
    ("exec", "ran code built at run time (exec)"),
    ("compile", "compiled code at run time"),
    ("pickle.", "unpickled objects"),
    ("marshal.", "loaded code with marshal"),
)


def _event_words(event: str) -> str:
    for prefix, words in _EVENT_WORDS:
        if event == prefix or (prefix.endswith(".") and event.startswith(prefix)):
            return f"{words} [{event}]"
    return f"caused the interpreter event {event}"


def _make_audit() -> tuple[Callable[[], None], Callable[[], list[str]], Callable[[], None], Callable[[], None]]:
    """The audit hook and its switches, their state in closures (no module attribute to rebind).

    Returns (open, close, trust, distrust): ``open()`` starts refusing events, ``close()`` stops and
    returns what was refused; ``trust()``/``distrust()`` exempt the calling thread while the
    grader's own tracer runs (it reads ``frame.f_code``) and while the grader imports what it needs
    lazily."""
    depth = [0]
    refused: list[str] = []
    trusted: set[int] = set()
    get_ident = _thread.get_ident
    allowed_imports = frozenset(_IMPORTABLE)

    def hook(event: str, args: tuple) -> None:
        if not depth[0] or event in _HARMLESS_EVENTS or get_ident() in trusted:
            return
        if event == "import" and args and str(args[0]).split(".")[0] in allowed_imports:
            return
        detail = event
        if event in ("object.__getattr__", "object.__setattr__", "object.__delattr__") and len(args) > 1:
            detail = f"{event} .{args[1]}"
        elif event == "import" and args:
            detail = f"import {args[0]}"
        if len(refused) < 20:
            refused.append(detail)
        raise PermissionError(f"refused while a graded function runs: {detail}")

    def open_window() -> None:
        depth[0] += 1

    def close_window() -> list[str]:
        depth[0] = max(0, depth[0] - 1)
        if depth[0]:
            return []
        out = list(refused)
        refused.clear()
        return out

    def trust() -> None:
        trusted.add(get_ident())

    def distrust() -> None:
        trusted.discard(get_ident())

    sys.addaudithook(hook)
    return open_window, close_window, trust, distrust


_audit_open, _audit_close, _audit_trust, _audit_distrust = _make_audit()
# the tracer sees the window open and close around the learner's call: not the learner's doing
_AUDIT_CODES = frozenset(f.__code__ for f in (_audit_open, _audit_close, _audit_trust, _audit_distrust))


class audited:
    """``with audited(exercise):`` refuses the audit events of learner code run inside (see above)
    and raises IntegrityError naming them when the block ends."""

    def __init__(self, exercise: "Exercise"):
        self.exercise = exercise

    def __enter__(self) -> "audited":
        _audit_open()
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        refused = _audit_close()
        if refused and kind is not KeyboardInterrupt:
            _flag_events(self.exercise, refused)
        return False


def _flag_events(exercise: "Exercise", refused: list[str]) -> None:
    """Raise IntegrityError naming what was refused. The operations did not happen (the hook
    refused them), so the kernel is intact: this cell scores 0, later cells are graded as usual."""
    seen = []
    for event in refused:
        name, _, detail = event.partition(" ")
        words = _event_words(name) + (f" ({detail})" if detail else "")
        if words not in seen:
            seen.append(words)
    raise IntegrityError(
        f"{exercise.label} did what graded code may not do while it ran: {'; '.join(seen[:4])}"
        + (" ..." if len(seen) > 4 else "")
        + ". The grader refused it. Graded functions compute a result with torch operations and "
        "nothing else; this cell scores 0."
    )


def _is_course_object(value: Any) -> bool:
    module = getattr(value, "__module__", None)
    return isinstance(module, str) and _ours(module)


def _tensor_attributes(value: torch.Tensor) -> dict:
    """Python attributes set on a tensor (``t.note = ...``): a plain result has none."""
    try:
        return dict(object.__getattribute__(value, "__dict__"))
    except AttributeError:
        return {}


def _check_result(exercise: Exercise, value: Any, depth: int = 0) -> Any:
    """The learner's result, copied: tensors exactly torch.Tensor (no subclass), numbers, tuples."""
    if type(value) is _Tensor:
        if _tensor_attributes(value):
            raise IntegrityError(
                f"{exercise.label} returned a tensor carrying Python attributes "
                f"({', '.join(sorted(_tensor_attributes(value))[:3])}); graded functions return plain tensors. "
                "This cell scores 0."
            )
        copy = _clone(value)
        if value.dim() and 0 in value.stride():  # an expand() without a copy stays one (2.1 checks it)
            first = tuple(slice(0, 1) if stride == 0 else slice(None) for stride in value.stride())
            copy = copy[first].expand(value.shape)
        return copy
    if type(value) in (float, int, bool, type(None)):
        return value
    if type(value) in (tuple, list) and depth < 3:
        return type(value)(_check_result(exercise, v, depth + 1) for v in value)
    raise IntegrityError(
        f"{exercise.label} returned a {type(value).__module__}.{type(value).__qualname__}; graded functions "
        "return torch.Tensor (not a subclass), numbers, or tuples of them. This cell scores 0."
    )


def _raised_by_learner_statement(error: BaseException) -> bool:
    """Whether a ``raise`` statement outside torch raised ``error`` (the released stub's
    ``raise NotImplementedError(...)``), not an operation torch does not implement for a dtype."""
    tb = error.__traceback__
    if tb is None:
        return True
    while tb.tb_next is not None:
        tb = tb.tb_next
    code = tb.tb_frame.f_code
    if os.path.dirname(torch.__file__) in code.co_filename:
        return False
    for instruction in dis.get_instructions(code):
        if instruction.offset == tb.tb_lasti:
            return instruction.opname == "RAISE_VARARGS"
    return True


def call_learner(exercise: Exercise, fn: Callable, args: tuple, kwargs: dict | None = None):
    """Run the learner's function under the integrity and delegation guards and the kernel watch;
    return its result, copied (see :func:`_check_result`)."""
    __tracebackhide__ = True
    assert_untouched()
    reason = _static_delegation(fn, exercise.label)
    if reason:
        about_the_course = any(package in reason for package in _PACKAGES) or "reference" in reason
        raise IntegrityError(
            f"{reason}. Graded functions must compute the result themselves; this cell scores 0."
            + (
                f" (`{exercise.mirrors}` is the reference the grader compares against, and calling it "
                "is not solving the exercise.)"
                if about_the_course
                else ""
            )
        )
    hits: list[types.CodeType] = []
    forbids = exercise.forbids

    def tracer(frame, event, arg):
        if event == "call" and len(hits) < 5:
            _audit_trust()  # reading frame.f_code is an audit event: the tracer's own is not refused
            try:
                code = frame.f_code
            finally:
                _audit_distrust()
            if forbids(code) and code not in _AUDIT_CODES:
                hits.append(code)

    watch = _Watch(getattr(fn, "__globals__", None))
    previous = _getprofile()
    _setprofile(tracer)
    failure = None
    refused: list[str] = []
    try:
        _audit_open()
        try:
            result = fn(*args, **(kwargs or {}))
        finally:
            refused = _audit_close()
    except NotImplementedError as error:
        if type(error) is not NotImplementedError:
            failure = IntegrityError(f"{exercise.label} raised a subclass of NotImplementedError; this cell scores 0.")
        elif _raised_by_learner_statement(error):
            failure = NotDone(str(error))
        else:  # torch's own NotImplementedError ("... not implemented for 'Long'"): an error like any other
            failure = CheckFailed(
                f"{exercise.label} raised {type(error).__name__}.\n  {type(error).__name__}: {error}",
                cause="raised-error",
                error=error,
                args=args,
            )
            failure.__cause__ = error
    except CheckFailed as error:
        failure = IntegrityError(f"{exercise.label} raised the checks' own CheckFailed ({error}); this cell scores 0.")
    except KeyboardInterrupt:
        raise  # the cell's time limit
    except BaseException as error:  # noqa: BLE001 - SystemExit, a learner's BaseException: a failure
        # the first line is the check's; the learner's text comes after (the harness explains it)
        failure = CheckFailed(
            f"{exercise.label} raised {type(error).__name__}.\n"
            f"  {type(error).__name__}: {error}\n"
            f"  on {', '.join(describe(a) for a in args)}.\n"
            "  Read the error above; the shape comments in the exercise say what each tensor "
            "should look like.",
            cause="raised-error",
            error=error,
            args=args,
        )
        failure.__cause__ = error if isinstance(error, Exception) else None
    finally:
        still_ours = _getprofile() is tracer
        try:
            _setprofile(previous)
        except TypeError:  # a C-level profiler (cProfile) cannot be reinstalled from Python
            _setprofile(None)
    changed = watch.undo()
    if not still_ours:
        changed.append("sys.setprofile (the grader's call tracer)")
    if refused and not changed:
        _flag_events(exercise, refused)
    if changed:
        shown = ", ".join(changed[:6]) + (" ..." if len(changed) > 6 else "")
        for item in changed:
            if item not in _TAMPERED:
                _TAMPERED.append(item)
        raise IntegrityError(
            f"{exercise.label} changed what the grader relies on while it ran: {shown}. "
            "Graded functions compute a result and change nothing else; this cell and every graded "
            "cell after it score 0."
        )
    if failure is not None:
        if isinstance(failure, NotDone):
            raise failure from None
        raise failure
    if hits:
        names = ", ".join(sorted({code.co_qualname for code in hits}))
        raise IntegrityError(
            f"{exercise.label} called the course's reference code ({names}) instead of computing "
            f"the result itself; this cell scores 0. Write `{exercise.name}` with torch operations."
        )
    assert_untouched()
    return _check_result(exercise, result)


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
