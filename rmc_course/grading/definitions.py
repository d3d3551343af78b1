"""The scoring run executes the learner's *definitions* only: what a cell defines, not what it does.

When a class is graded, each unlocked code cell (the answer cells, and any cell the learner added)
is cut down to the statements that define something, and only those run before the graded tests:

* ``def`` and ``class`` statements: their decorators, default values, annotations and base classes
  must be plain values (constants, names, attributes of imported modules; decorators only from a short list, such as
  ``@torch.no_grad()`` or ``@staticmethod``), because those run when the ``def`` runs; a class body
  holds definitions only;
* imports of the modules the exercises use: ``torch``, ``math``, ``numpy``, ``typing``, ``functools``,
  ``itertools``, ``collections``, ``dataclasses``, ``rmc_ref``;
* constants: ``NAME = <number, string, tuple of them, torch.float64, math.sqrt(2)...>``, for a name the
  notebook's own (locked) cells do not use and that is not an imported module's.

The kept text is taken line by line as Python counts lines (``\r\n``, ``\r``, ``\n``) and must parse
back to exactly the statements kept; otherwise nothing of the cell runs (and the grader flags it).

Everything else at the top level of a cell (prints, plots, tries of the function, loops, any call)
is skipped, and the cell's output in the graded notebook says which lines were. A learner's function
therefore runs only when a check calls it, under the guard (:mod:`rmc_course.guard`), which watches
what it does. The learner-facing run (Validate, the test cells in JupyterLab) runs every line as
written.

Skipped code that reaches for the kernel, the checks, the interpreter or the import system is
*named* (:attr:`Skipped.mechanism`): the grader flags the submission with that mechanism, even
though the code never ran.
"""

from __future__ import annotations

import ast
import builtins
import dataclasses
import re

ALLOWED_MODULES = frozenset(
    {
        "torch",
        "math",
        "numpy",
        "typing",
        "functools",
        "itertools",
        "collections",
        "dataclasses",
        "rmc_ref",
        "__future__",
    }
)
# Calls a constant may use (pure, cheap): NAME = math.sqrt(2), float("inf"), ...
_PURE_CALLS = frozenset({"float", "int", "abs", "min", "max", "round", "tuple", "range", "len", "str", "bool"})

# What skipped code reaches for, in words an instructor can act on: (names or attributes, mechanism).
_MECHANISMS = [
    (
        {
            "get_ipython",
            "IPython",
            "ipykernel",
            "jupyter_client",
            "events",
            "input_transformers_cleanup",
            "input_transformers_post",
            "ast_transformers",
            "set_custom_exc",
            "showtraceback",
            "_showtraceback",
            "displayhook",
            "display_pub",
            "session",
            "kernel",
            "run_cell",
            "do_execute",
            "clear_output",
            "Output",
            "ExecutionResult",
            "_render_traceback_",
        },
        "reaches into the Jupyter kernel (get_ipython, its hooks, sessions or displays)",
    ),
    ({"checks", "rmc_course"}, "reaches for the course's checks (rmc_course)"),
    ({"modules", "importlib", "__import__", "bdb", "pdb", "types", "ModuleType"}, "replaces modules (sys.modules)"),
    ({"builtins", "__builtins__"}, "changes Python's builtins"),
    (
        {"attrgetter", "methodcaller", "operator", "__wrapped__"},
        "looks attributes up by names built at run time (operator.attrgetter, operator.call)",
    ),
    (
        {"settrace", "setprofile", "gettrace", "getprofile", "_getframe", "f_trace"},
        "installs or switches a tracing hook (sys.settrace/setprofile)",
    ),
    ({"f_locals", "f_back", "f_globals", "tb_frame", "gi_frame", "__traceback__"}, "reads the grader's stack frames"),
    ({"fork", "_exit", "start_new_thread", "Popen", "system"}, "starts processes or threads, or ends the kernel"),
    (
        {"gc", "ctypes", "get_referents", "get_referrers", "pythonapi"},
        "edits objects through the interpreter (gc/ctypes)",
    ),
    (
        {"__class__", "__dict__", "__code__", "__globals__", "__closure__", "__defaults__", "__subclasses__"},
        "rewrites classes, code or namespaces (__class__, __code__, __dict__)",
    ),
    (
        {
            "TorchFunctionMode",
            "TorchDispatchMode",
            "__torch_function__",
            "__torch_dispatch__",
            "overrides",
            "library",
            "Library",
            "custom_op",
            "register_kernel",
            "register_optimizer_step_pre_hook",
            "register_optimizer_step_post_hook",
        },
        "intercepts torch's functions (__torch_function__ or a mode)",
    ),
    ({"threading", "_thread", "signal", "atexit", "sys"}, "uses the interpreter's machinery (sys, threads, signals)"),
    (
        {"exec", "eval", "compile", "fromhex", "b64decode", "unhexlify", "a85decode", "b85decode", "marshal", "pickle"},
        "runs code built from text at run time (exec/eval of a decoded string)",
    ),
    (
        {
            "__init_subclass__",
            "__set_name__",
            "__class_getitem__",
            "__del__",
            "__getattr__",
            "__getattribute__",
            "__instancecheck__",
            "__subclasscheck__",
            "__subclasshook__",
            "__new__",
            "__prepare__",
            "__get__",
            "__set__",
            "__delete__",
            "__missing__",
        },
        "defines methods Python calls by itself (hooks on class creation or attribute access)",
    ),
    (
        {"BaseException", "BaseExceptionGroup", "ExceptionGroup", "traceback", "__context__", "__cause__"},
        "rewrites how errors are raised or shown",
    ),
]


# A name of Python's builtins (NotImplementedError, hasattr, print...) bound in the notebook would
# shadow the builtin for every later cell: the stubs' `raise NotImplementedError` among them.
_BUILTIN_NAMES = frozenset(name for name in dir(builtins) if not name.startswith("__"))
# Methods a class may define: Python and IPython call the others by themselves (__del__ at garbage
# collection, _render_traceback_ when an error is shown, __torch_function__ inside torch...).
_CLASS_DUNDERS_ALLOWED = frozenset({"__init__"})
# Shadowing these is a mechanism (the grader flags it), not a slip: the exceptions the checks and
# the stubs raise, and the functions checks and IPython call.
_SHADOWING_FLAGGED = frozenset(
    {
        n
        for n in _BUILTIN_NAMES
        if isinstance(getattr(builtins, n), type) and issubclass(getattr(builtins, n), BaseException)
    }
    | {"hasattr", "getattr", "setattr", "isinstance", "issubclass", "type", "object", "super", "print", "repr", "str"}
)


@dataclasses.dataclass(frozen=True)
class Skipped:
    line: int  # first line of the statement in the cell (1-based)
    end_line: int
    what: str  # "a call", "an assignment to `checks`", ...
    mechanism: str | None = None  # set when the skipped code reaches for the kernel, checks, ...


@dataclasses.dataclass(frozen=True)
class Filtered:
    source: str  # what the scoring run executes: kept lines at their places, the rest blank
    skipped: tuple[Skipped, ...]
    # kept definitions whose bodies reach for the kernel, the checks, frames...: flagged, not skipped
    suspicious: tuple[Skipped, ...] = ()

    def note(self) -> str:
        """The line the graded notebook shows under the cell (empty when nothing was skipped)."""
        if not self.skipped:
            return ""
        spans = ", ".join(
            (f"line {s.line}" if s.line == s.end_line else f"lines {s.line}-{s.end_line}") + f" ({s.what})"
            for s in self.skipped
        )
        return (
            "[graded run] Only your definitions ran when this notebook was graded (def, class, imports of "
            f"torch/math/numpy..., constants); skipped: {spans}.\n"
        )


def _words(node: ast.AST, local: set[str] = frozenset(), defined_names: bool = True) -> set[str]:
    """The names, attributes, imported modules and telling strings ``node`` uses (not ``local`` names);
    with ``defined_names``, the names it defines too (a class's methods: `__del__`...)."""
    words = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and sub.id not in local:
            words.add(sub.id)
        elif isinstance(sub, ast.Attribute):
            words.add(sub.attr)
        elif isinstance(sub, (ast.Import, ast.ImportFrom)):
            for alias in sub.names:
                words.update(alias.name.split("."))
            if isinstance(sub, ast.ImportFrom) and sub.module:
                words.update(sub.module.split("."))
        elif isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            words.update(w for w in ("rmc_course", "get_ipython", "builtins") if w in sub.value)
        elif defined_names and isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            words.add(sub.name)
            if isinstance(sub, ast.ClassDef):
                words.update(s.name for s in sub.body if isinstance(s, ast.FunctionDef))
    return words


def _named_mechanism(words: set[str]) -> str | None:
    for names, mechanism in _MECHANISMS:
        if words & names:
            return mechanism
    return None


def _mechanism(node: ast.AST) -> str | None:
    return _named_mechanism(_words(node))


def _body_mechanism(node: ast.FunctionDef | ast.ClassDef) -> str | None:
    """What a kept definition's body reaches for (the guard refuses it when the function runs; the
    grader flags it even when no check calls it). Names the body binds itself (arguments, locals)
    do not count: `kernel = ...` in a function is a variable, not the Jupyter kernel."""
    local = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
            local.add(sub.id)
        elif isinstance(sub, ast.arg):
            local.add(sub.arg)
    return _named_mechanism(_words(node, local, defined_names=False))


def _public(attr: str) -> bool:
    return not attr.startswith("_")


def _dotted(node: ast.AST) -> list[str] | None:
    """['torch', 'nn', 'functional'] for torch.nn.functional; None when not a plain dotted name."""
    parts = []
    while isinstance(node, ast.Attribute):
        if not _public(node.attr):
            return None
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return parts[::-1]


def _plain_value(node: ast.AST | None, modules: dict[str, str], calls: bool = False) -> bool:
    """A value whose evaluation runs no learner code: constants, dotted names, containers of them,
    arithmetic on them and (``calls``) math.<f>(...) or float(...)-like calls of them."""
    if node is None or isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        return True  # reading a name runs nothing
    if isinstance(node, ast.Attribute):
        # reading an attribute runs code when it is a property or a descriptor of a notebook class
        # (a @classmethod @property getter did): only attributes of imported modules
        name = _dotted(node)
        return name is not None and name[0] in modules and _resolve(name, modules)[0]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(_plain_value(e, modules, calls) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(
            _plain_value(k, modules, calls) and _plain_value(v, modules, calls) for k, v in zip(node.keys, node.values)
        )
    if isinstance(node, ast.UnaryOp):
        return _plain_value(node.operand, modules, calls)
    if isinstance(node, ast.BinOp):
        return _plain_value(node.left, modules, calls) and _plain_value(node.right, modules, calls)
    if isinstance(node, ast.Subscript):  # annotations: list[int], tuple[torch.Tensor, ...]
        return _plain_value(node.value, modules, calls) and _plain_value(node.slice, modules, calls)
    if isinstance(node, ast.Call) and calls:
        name = _dotted(node.func)
        if name is None or node.keywords:
            return False
        pure = (len(name) == 1 and name[0] in _PURE_CALLS) or (len(name) == 2 and _root(modules.get(name[0])) == "math")
        return pure and all(_plain_value(a, modules, calls) for a in node.args)
    return False


# Decorators the scoring run keeps: (module, name), or (None, name) for builtins. Anything else that
# decorates a def could call learner code while the cell is defined (@operator.call did).
_DECORATORS = frozenset(
    {
        (None, "staticmethod"),
        (None, "classmethod"),
        (None, "property"),
        ("torch", "no_grad"),
        ("torch", "enable_grad"),
        ("torch", "inference_mode"),
        ("functools", "lru_cache"),
        ("functools", "cache"),
        ("dataclasses", "dataclass"),
        ("typing", "overload"),
        ("typing", "final"),
    }
)


def _allowed_decorator(node: ast.AST, modules: dict[str, str]) -> bool:
    """@torch.no_grad(), @functools.lru_cache(maxsize=None), @staticmethod: one of ``_DECORATORS``
    (with plain arguments), or ``@<name>.setter`` for a property."""
    target = node.func if isinstance(node, ast.Call) else node
    name = _dotted(target)
    if name is None:
        return False
    if len(name) == 1:
        root = None if name[0] not in modules else _root(modules[name[0]])
        allowed = (root, name[0]) in _DECORATORS or (None, name[0]) in _DECORATORS and name[0] not in modules
    else:
        allowed = (_root(modules.get(name[0])), name[-1]) in _DECORATORS or (
            len(name) == 2 and name[-1] in {"setter", "getter", "deleter"} and name[0] not in modules
        )
    if not allowed:
        return False
    if isinstance(node, ast.Call):
        # constants only: `@functools.lru_cache(helper)`, `@torch.no_grad(helper)` or `@staticmethod(helper)`
        # wrap `helper` and call it with the function being defined, while the cell runs
        return all(_constant(a) for a in node.args) and all(_constant(k.value) for k in node.keywords)
    return True


def _constant(node: ast.AST) -> bool:
    """A literal: a number, a string, None, True, or a tuple of them (no name, so no code to call)."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant):
        return True
    return isinstance(node, ast.Tuple) and all(_constant(e) for e in node.elts)


def _shadowing(names: list[str]) -> str | None:
    hit = [n for n in names if n in _BUILTIN_NAMES]
    return f"a definition of `{hit[0]}`, which shadows Python's builtin" if hit else None


# decorators that take the function itself: called with anything else, they call it at once
_NEVER_CALLED = frozenset({"staticmethod", "classmethod", "property", "final", "overload", "cache", "wraps"})
_CLASS_PROPERTY = "a class property (@classmethod @property: its getter runs whenever the class is read)"
# Skipped for running code while the cell is defined: flagged when that code is the learner's own.
_DEFINITION_TIME = (
    "a decorator that runs",
    "a default value that runs",
    "an annotation that runs",
    "a class with a metaclass",
    "a base class that runs",
    "a class body that runs",
)


def _definition_time_names(node: ast.stmt) -> set[str]:
    """Names read by what runs when ``node`` (a def or class) is defined: decorators, defaults,
    annotations, bases and keywords, and (classes) the statements of the body."""
    parts = _definition_time_nodes(node)
    if isinstance(node, ast.ClassDef):
        parts += node.bases + [k.value for k in node.keywords]
        for statement in node.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                parts += _definition_time_nodes(statement)
            else:
                parts.append(statement)
    return {n.id for part in parts for n in ast.walk(part) if isinstance(n, ast.Name)}


def _definition_time_nodes(node: ast.stmt) -> list[ast.AST]:
    nodes: list[ast.AST] = list(getattr(node, "decorator_list", []))
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        args = node.args
        nodes += args.defaults + [d for d in args.kw_defaults if d is not None]
        nodes += [a.annotation for a in args.posonlyargs + args.args + args.kwonlyargs if a.annotation] + (
            [node.returns] if node.returns else []
        )
    return nodes


def _allowed_base(node: ast.AST, modules: dict[str, str], own_classes: set[str]) -> bool:
    """A base class whose machinery runs no code of the learner's at class creation: the notebook's own
    classes (themselves filtered), ``object`` and ``torch.nn.Module``. Not Enum (it calls the class's
    ``__init__`` for every member), not anything reached through a module attribute chain."""
    if isinstance(node, ast.Name) and (node.id in own_classes or node.id == "object") and node.id not in modules:
        return True
    name = _dotted(node)
    if name is None or name[0] not in modules:
        return False
    import torch.nn

    found, obj = _resolve(name, modules)
    return found and obj is torch.nn.Module


def _base_mechanism(node: ast.ClassDef, modules: dict[str, str]) -> str | None:
    """A base class whose machinery is a known way around the checks: torch.Tensor (its methods answer
    torch's functions and comparisons), torch.autograd.Function (a hand-written backward), Enum (it
    calls the class's code for every member while the class is created)."""
    import enum

    import torch

    for base in node.bases:
        name = _dotted(base)
        if name is None or name[0] not in modules:
            continue
        found, obj = _resolve(name, modules)
        if found and isinstance(obj, type) and issubclass(obj, (torch.Tensor, torch.autograd.Function, enum.Enum)):
            return f"derives a class from {obj.__module__}.{obj.__qualname__}, whose machinery runs or intercepts code"
    return None


def _why_not_def(
    node: ast.FunctionDef | ast.ClassDef,
    modules: dict[str, str],
    protected: set[str],
    in_class: bool = False,
    own_classes: frozenset = frozenset(),
) -> str | None:
    if node.name in protected:
        return f"a definition of `{node.name}`, a name the notebook's own cells use"
    if not in_class and node.name in modules:
        return f"a definition of `{node.name}`, the name of an imported module"
    if not in_class and _shadowing([node.name]):
        return _shadowing([node.name])
    if in_class and isinstance(node, ast.FunctionDef) and node.name.startswith("_"):
        if node.name.startswith("__") and node.name.endswith("__") and node.name not in _CLASS_DUNDERS_ALLOWED:
            return f"a method `{node.name}` that Python calls by itself"
        if node.name.startswith("_repr_") or node.name.startswith("_ipython_") or node.name == "_render_traceback_":
            return f"a method `{node.name}` that IPython calls by itself"
    for decorator in node.decorator_list:
        if not _allowed_decorator(decorator, modules):
            return "a decorator that runs your code when the definition runs"
    names = [(_dotted(d) or ["?"])[-1] for d in node.decorator_list]
    if "classmethod" in names and len(names) > 1:
        return _CLASS_PROPERTY  # @classmethod over a property, a setter or anything: its code runs on reads
    if any(isinstance(d, ast.Call) and (_dotted(d.func) or ["?"])[-1] in _NEVER_CALLED for d in node.decorator_list):
        return "a decorator that runs your code when the definition runs"
    if isinstance(node, ast.FunctionDef):
        args = node.args
        defaults = args.defaults + [d for d in args.kw_defaults if d is not None]
        if not all(_plain_value(d, modules, calls=True) for d in defaults):
            return "a default value that runs code"
        annotated = [a.annotation for a in args.posonlyargs + args.args + args.kwonlyargs] + [node.returns]
        annotated += [args.vararg.annotation if args.vararg else None, args.kwarg.annotation if args.kwarg else None]
        if not all(_plain_value(a, modules) for a in annotated):
            return "an annotation that runs code"
        return None
    if node.keywords:
        return "a class with a metaclass or keywords"
    if not all(_allowed_base(b, modules, own_classes) for b in node.bases):
        return "a base class other than torch.nn.Module, object or a class of the notebook's"
    for statement in node.body:
        why = _why_not_kept(statement, modules, protected=set(), in_class=True, own_classes=own_classes)
        if why is not None:
            return f"a class body that runs code ({why})"
    return None


def _why_not_kept(
    node: ast.stmt,
    modules: dict[str, str],
    protected: set[str],
    in_class: bool = False,
    own_classes: frozenset = frozenset(),
) -> str | None:
    """None when the statement is a definition the scoring run keeps, else what it is."""
    if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
        return _why_not_def(node, modules, protected, in_class, own_classes)
    if isinstance(node, ast.AsyncFunctionDef):
        return "an async def"
    if isinstance(node, (ast.Import, ast.ImportFrom)) and not in_class:
        if isinstance(node, ast.ImportFrom) and (node.level or not node.module):
            return "a relative import"
        roots = [node.module.split(".")[0]] if isinstance(node, ast.ImportFrom) else []
        roots += [] if isinstance(node, ast.ImportFrom) else [a.name.split(".")[0] for a in node.names]
        bad = [r for r in roots if r not in ALLOWED_MODULES]
        if bad:
            return f"an import of {', '.join(sorted(set(bad)))}"
        bound = [(a.asname or a.name).split(".")[0] for a in node.names]
        if any(b in protected or b == "*" for b in bound):
            return "an import that rebinds a name the notebook's own cells use"
        if _shadowing(bound):
            return _shadowing(bound)
        return None
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if len(names) != len(targets):
            return "an assignment to an attribute or an item"
        hit = [n for n in names if n in protected or n.startswith("__")]
        if hit:
            return f"an assignment to `{hit[0]}`"
        rebound = [n for n in names if n in modules]
        if rebound and not in_class:
            return f"an assignment to `{rebound[0]}`, the name of an imported module"
        if not in_class and _shadowing(names):
            return _shadowing(names)
        if isinstance(node, ast.AnnAssign) and not _plain_value(node.annotation, modules):
            return "an annotation that runs code"
        if node.value is None or not _plain_value(node.value, modules, calls=True):
            return "an assignment computed by code"
        return None
    if isinstance(node, ast.Pass) or (
        isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
    ):
        return None  # docstrings and pass
    return _kind(node)


def _kind(node: ast.stmt) -> str:
    if isinstance(node, ast.Expr):
        if isinstance(node.value, ast.Call):
            name = _dotted(node.value.func)
            return f"a call of {'.'.join(name)}" if name else "a call"
        return "an expression"
    return {
        ast.For: "a loop",
        ast.While: "a loop",
        ast.If: "an if",
        ast.With: "a with block",
        ast.Try: "a try block",
        ast.Delete: "a del",
        ast.AugAssign: "an assignment computed by code",
        ast.Global: "a global statement",
        ast.Raise: "a raise",
        ast.Assert: "an assert",
    }.get(type(node), "top-level code")


def bound_names(source: str) -> set[str]:
    """Names a (locked) cell binds: imports, assignments, defs. Used for the ``protected`` set."""
    try:
        tree = ast.parse(_python(source))
    except SyntaxError:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
    return names


def defined_names(source: str) -> set[str]:
    """Names a cell's top-level def and class statements bind."""
    try:
        tree = ast.parse(_python(source))
    except SyntaxError:
        return set()
    return {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}


def imported_modules(source: str) -> dict[str, str]:
    """{bound name: dotted path} of a cell's allowed imports (``F`` -> ``torch.nn.functional``,
    ``Gates`` -> ``rmc_ref.gating.Gates``); the path's first part is the allowed module."""
    try:
        tree = ast.parse(_python(source))
    except SyntaxError:
        return {}
    out = {}
    for node in tree.body:
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] in ALLOWED_MODULES:
                    out[a.asname or a.name.split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if node.module.split(".")[0] in ALLOWED_MODULES:
                for a in node.names:
                    out[a.asname or a.name] = f"{node.module}.{a.name}"
    return out


def _root(path: str | None) -> str | None:
    return path.split(".")[0] if path else None


def _walks_out(name: list[str], modules: dict[str, str]) -> bool:
    """Whether ``name`` leaves the allowed packages through their attributes (``typing.stdlib_re``)."""
    return _resolve(name, modules, why=True)[1] == "outside"


def _resolve(name: list[str], modules: dict[str, str], why: bool = False) -> tuple[bool, object]:
    """(True, the object) when ``name`` (``["nn", "Module"]``) reaches an object through modules of the
    allowed packages only (and classes in them), else (False, None): ``typing.stdlib_re.enum.Enum``
    walks out of them into ``re`` and ``enum``."""
    import importlib
    import types as _types

    path = modules.get(name[0])
    if path is None:
        return False, None
    parts = path.split(".") + name[1:]
    obj: object = None
    for i in range(len(parts), 0, -1):  # the longest importable module prefix
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except Exception:  # noqa: BLE001 - not a module: an attribute of a shorter one
            continue
        rest = parts[i:]
        break
    else:
        return False, None
    for attr in rest:
        if isinstance(obj, _types.ModuleType) and obj.__name__.split(".")[0] not in ALLOWED_MODULES:
            return False, "outside" if why else None
        if not (isinstance(obj, (_types.ModuleType, type))):
            return False, None
        try:
            obj = getattr(obj, attr)
        except AttributeError:
            return False, None
    if isinstance(obj, _types.ModuleType) and obj.__name__.split(".")[0] not in ALLOWED_MODULES:
        return False, "outside" if why else None
    return True, obj


def _python(source: str) -> str:
    """The cell as IPython would run it: %magics and !commands become calls (then skipped)."""
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        return TransformerManager().transform_cell(source)
    except Exception:  # noqa: BLE001 - a cell IPython cannot read is read as plain Python
        return source


def definitions_only(
    source: str, protected: set[str], modules: dict[str, str] | None = None, learner_names: set[str] | None = None
) -> Filtered:
    """The statements of ``source`` the scoring run executes, each at its own line, and what was skipped.

    ``protected``: names the notebook's locked cells bind (``checks``, ``torch``...), which the
    learner's code may not rebind. ``modules``: allowed modules the locked cells import, by the
    name they bind (``{"torch": "torch"}``), for decorators such as ``@torch.no_grad()``.
    ``learner_names``: the names the learner's cells define (def, class): code of theirs that would
    run while a cell is defined is flagged, not only skipped.
    """
    text = _python(source)
    try:
        tree = ast.parse(text)
    except SyntaxError as error:
        lines = max(1, len(_PYTHON_LINE_BREAK.split(text)))
        return Filtered("", (Skipped(1, lines, f"not valid Python: {error.msg} on line {error.lineno}"),))
    modules = dict(modules or {})
    modules.update(imported_modules(text))
    lines = _PYTHON_LINE_BREAK.split(text)  # Python's own line breaks: not str.splitlines (U+2028...)
    kept_lines = [""] * len(lines)
    skipped, suspicious, kept_nodes = [], [], []
    # a line shared by two statements (a; b) is kept only if both are
    shared = {}
    for node in tree.body:
        for line in range(node.lineno, node.end_lineno + 1):
            shared[line] = shared.get(line, 0) + 1
    own_classes = frozenset(learner_names or ()) | {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
    for node in tree.body:
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        why = _why_not_kept(node, modules, protected, own_classes=own_classes)
        if why is None and any(shared[line] > 1 for line in (node.lineno, node.end_lineno)):
            why = "a statement sharing its line with another"
        if why is None:
            kept_lines[first - 1 : node.end_lineno] = lines[first - 1 : node.end_lineno]
            kept_nodes.append(node)
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                mechanism = _body_mechanism(node)
                if mechanism:
                    suspicious.append(Skipped(first, node.end_lineno, f"`{node.name}`", mechanism))
            continue
        if isinstance(node, ast.Pass):
            continue
        mechanism = _mechanism(node)
        own = set(learner_names or ()) | {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        if (
            mechanism is None
            and _CLASS_PROPERTY in why
            or (mechanism is None and why.startswith(_DEFINITION_TIME) and _definition_time_names(node) & own)
        ):
            mechanism = (
                "runs your own code while the cell is defined (a class property, decorator, default or annotation)"
            )
        if mechanism is None and isinstance(node, ast.ClassDef):
            mechanism = _base_mechanism(node, modules)
        if mechanism is None and any(
            _walks_out(name, modules)
            for sub in ast.walk(node)
            if isinstance(sub, ast.Attribute) and (name := _dotted(sub)) and name[0] in modules
        ):
            mechanism = "walks out of the allowed modules through their attributes (such as typing.stdlib_re)"
        shadowed = why.split("`")[1] if "shadows Python's builtin" in why else None
        if shadowed in _SHADOWING_FLAGGED:
            mechanism = f"shadows Python's builtin `{shadowed}`"
        skipped.append(Skipped(first, node.end_lineno, why, mechanism))
    kept = "\n".join(kept_lines).rstrip() + "\n" if any(kept_lines) else ""
    odd_breaks = [i + 1 for i, line in enumerate(lines) if _OTHER_LINE_BREAKS.search(line)]
    if odd_breaks:
        suspicious.append(Skipped(odd_breaks[0], odd_breaks[-1], "a line separator Python does not count", _LINE_TRICK))
    if not _runs_what_was_read(kept, kept_nodes):
        # whatever makes the kept text differ from the statements read, none of it runs
        lines_in_cell = max(1, len(lines))
        odd = Skipped(1, lines_in_cell, "a cell whose text Python reads otherwise than it looks", _LINE_TRICK)
        return Filtered("", (odd,), ())
    return Filtered(kept, tuple(skipped), tuple(suspicious))


_PYTHON_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# what str.splitlines() also ends a line at (vertical tab, form feed, file/group/record separators, NEL,
# U+2028, U+2029): no learner needs them, and they once hid code from a line-by-line reading
_OTHER_LINE_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_LINE_TRICK = "hides code from the line-by-line reading (characters that end a line for one reader only)"


def _runs_what_was_read(kept: str, nodes: list[ast.stmt]) -> bool:
    """The kept text parses to exactly the statements the filter kept (positions aside)."""
    try:
        again = ast.parse(kept)
    except SyntaxError:
        return False
    return ast.dump(again) == ast.dump(ast.Module(body=nodes, type_ignores=[]))
