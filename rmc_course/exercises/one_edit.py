"""One edit away: name a wrong result by the single change to the reference's computation that
reproduces it, whatever the learner's code looks like.

The misconception banks can only name the mistakes someone listed. This probe lists nothing: it
runs the reference (the ``rmc_ref`` code the exercise mirrors) under a torch function mode that sees
every torch operation the reference's own lines make, and re-runs it with one operation changed at
a time: an extra or another nonlinearity, another axis, a term or factor left out or added, an
operand swapped for another tensor of the computation, another constant, a transposed operand,
another slice. When one changed run gives exactly the learner's result, that change is, almost
always, the learner's mistake, and the message says it in the computation's own names ("`memory`
where `attended_memory` belongs, in `forget_gate * memory`").

Nothing here runs learner code: the learner's result is computed before, under the guard; the
re-runs use fresh arguments from the case. The number of re-runs is capped (not timed), so the
same wrong answer always gets the same message.
"""

from __future__ import annotations

import dataclasses
import math
import os
import sys
from typing import Any, Callable, Sequence

import torch
from torch import nn
from torch.overrides import TorchFunctionMode

import rmc_ref
from rmc_course.exercises import explain

_TORCH_DIR = os.path.dirname(torch.__file__) + os.sep
_REF_DIR = os.path.dirname(rmc_ref.__file__) + os.sep
_THIS_FILE = __file__
_SHAPES_FILE = os.path.join(os.path.dirname(rmc_ref.__file__), "shapes.py")
# torch code that runs for the reference's lines but is not the computation (optimizer internals,
# autograd and hook machinery): operations called from there are not edited
_NOT_COMPUTATION = tuple(_TORCH_DIR + part + os.sep for part in ("optim", "autograd", "utils", "_dynamo"))
MAX_RUNS = 3000  # re-runs of the reference per wrong result, at most
OP_BUDGET = 200_000  # torch operations over all the re-runs of one wrong result, at most

_ACTIVATIONS: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
}
_EXTRA = ("tanh", "sigmoid", "relu")
_ARITHMETIC = {
    "add": "+",
    "__add__": "+",
    "__radd__": "+",
    "sub": "-",
    "__sub__": "-",
    "__rsub__": "-",
    "mul": "*",
    "__mul__": "*",
    "__rmul__": "*",
    "div": "/",
    "__truediv__": "/",
    "__rtruediv__": "/",
    "matmul": "@",
    "__matmul__": "@",
    "bmm": "@",
    "pow": "**",
    "__pow__": "**",
}
_REVERSED = {"__radd__", "__rsub__", "__rmul__", "__rtruediv__"}
# where an operation's axis argument sits when it is given by position (self first for methods)
_DIM_POSITION = {
    "softmax": 1,
    "log_softmax": 1,
    "sum": 1,
    "mean": 1,
    "cat": 1,
    "concat": 1,
    "stack": 1,
    "argsort": 1,
    "sort": 1,
    "argmax": 1,
    "argmin": 1,
    "amax": 1,
    "cumsum": 1,
    "unbind": 1,
    "flatten": 1,
}
_LAYERS = {"linear", "layer_norm"}
# operations that give sizes or the same values, not a value a learner computes
_NOT_VALUES = {"__get__", "size", "dim", "contiguous", "detach", "clone", "to", "type", "numel", "__len__"}
# functions a learner takes for one another
_SISTERS = {
    "stack": "cat",
    "cat": "stack",
    "sum": "mean",
    "mean": "sum",
    "softmax": "log_softmax",
    "log_softmax": "softmax",
    "argmax": "argmin",
    "argmin": "argmax",
    "amax": "amin",
    "amin": "amax",
}


def _op_name(func: Callable) -> str:
    name = getattr(func, "__name__", None) or str(func)
    if name.startswith("__") and name.endswith("__") and name[2:-2] in ("iadd", "imul", "isub", "itruediv"):
        return name
    return name


@dataclasses.dataclass
class _Op:
    """One torch operation of the reference's run: what it got and gave, and where."""

    index: int  # order of first run
    key: tuple
    name: str
    func: Callable
    args: tuple
    kwargs: dict
    out: Any
    line: int


@dataclasses.dataclass(frozen=True)
class Edit:
    """One change to the operation ``key`` (None: to the call's arguments):
    ``change(func, args, kwargs, mode) -> result``, in words ``text``."""

    key: tuple | None
    kind: str
    text: str
    change: Callable[[Callable, tuple, dict, "_Mode"], Any]
    rank: int  # lower: a simpler explanation, preferred when several edits give the same result
    swap: tuple | None = None  # two tensors (_Source) exchanged wherever either is used


class _Mode(TorchFunctionMode):
    """Counts (and records, or edits) the torch operations made by the reference's own lines.

    An operation is known by its place in the code (the chain of calls from the reference's line
    down to it), not by when it runs: an edit changes it every time it runs, as a wrong line in a
    loop of the learner's would (every step of an unroll, every attention block)."""

    def __init__(self, record: bool, edit: Edit | None = None, args: tuple = (), own: Any = None):
        super().__init__()
        self.own = own  # the reference's own code object: its lines count wherever it lives
        self.record = record
        self.edit = edit
        self.args = args  # this run's arguments
        self.paused = False  # True while grader code (a layer hook) runs inside the computation
        self.latest: dict[tuple, Any] = {}  # this run's latest result of each operation
        self.count = 0  # operations run
        self.ops: list[_Op] = []  # recorded: each operation once, at its first run
        self.seen: dict[tuple, _Op] = {}
        self.history: dict[tuple, list] = {}  # recorded: every result of each operation
        self.calls: list[tuple[str, list]] = []  # recorded: leaf layers called so far (name, inputs)
        self.windows: dict[tuple, set[int]] = {}  # recorded: how many layer calls had ended at each run
        self.names: dict[int, str] = {}
        self.keep: list[Any] = []

    def _site(self) -> tuple[Any, tuple] | tuple[None, None]:
        frame = sys._getframe(2)
        chain = []
        while frame is not None:
            filename = frame.f_code.co_filename
            if filename.startswith(_NOT_COMPUTATION):
                return None, None
            chain.append((frame.f_code, frame.f_lasti))
            if filename.startswith(_TORCH_DIR) or filename == _THIS_FILE:
                frame = frame.f_back
                continue
            if not filename.startswith(_REF_DIR) and frame.f_code is not self.own:
                return None, None
            if filename == _SHAPES_FILE:
                return None, None  # shape checks: not the computation
            return frame, tuple(chain)
        return None, None

    def _swapped(self, args: tuple) -> tuple:
        try:
            one, two = (source.get(self) for source in self.edit.swap)
        except (KeyError, IndexError):
            return args  # not made yet in this run
        trade = {id(one): two, id(two): one}

        def swap(value: Any) -> Any:
            if isinstance(value, torch.Tensor):
                return trade.get(id(value), value)
            if isinstance(value, (list, tuple)):
                return type(value)(swap(v) for v in value)
            return value

        return tuple(swap(a) for a in args)

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if self.paused:
            return func(*args, **kwargs)
        site, chain = self._site()
        if site is None:
            return func(*args, **kwargs)
        key = (chain, _op_name(func))
        self.count += 1
        if self.edit is not None and self.edit.swap is not None:
            args = self._swapped(args)
        if self.edit is not None and self.edit.key == key:
            out = self.edit.change(func, args, kwargs, self)
        else:
            out = func(*args, **kwargs)
        self.latest[key] = out
        if self.record:
            self.history.setdefault(key, []).append(out)
            self.windows.setdefault(key, set()).add(len(self.calls))
        if self.record and key not in self.seen:
            for name, value in site.f_locals.items():
                named = isinstance(value, torch.Tensor) or (
                    isinstance(value, (list, tuple)) and value and all(isinstance(v, torch.Tensor) for v in value)
                )
                if named and id(value) not in self.names and not name.startswith("_"):
                    self.names[id(value)] = name
                    self.keep.append(value)
            self.keep.append(out)
            op = _Op(
                len(self.ops),
                key,
                _op_name(func),
                func,
                args,
                dict(kwargs),
                out,
                site.f_lineno,
            )
            self.ops.append(op)
            self.seen[key] = op
        return out


def _in_unit_interval(t: torch.Tensor) -> bool:
    return t.is_floating_point() and t.numel() > 0 and bool(((t > 0) & (t < 1)).all())


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor):
        if a.shape != b.shape or a.is_floating_point() != b.is_floating_point():
            return False
        if not a.is_floating_point():
            return bool(torch.equal(a, b))
        return bool(torch.allclose(a.detach().double(), b.detach().double(), rtol=1e-4, atol=1e-5))
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-4, abs_tol=1e-5)
    return False


def _as_tuple(value: Any, count: int) -> tuple:
    if count == 1:
        return (value,)
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


class _Names:
    """What to call a tensor of the reference's run in a message: its variable or parameter name, or
    the expression that made it."""

    def __init__(self, mode: _Mode, params: Sequence[str], args: tuple):
        self.names = dict(mode.names)
        for name, value in zip(params, args):
            if isinstance(value, torch.Tensor):
                self.names[id(value)] = name
            elif isinstance(value, nn.Module):
                for path, tensor in value.named_parameters():
                    self.names[id(tensor)] = f"{name}.{path}"
        self.made = {id(op.out): op for op in mode.ops if isinstance(op.out, torch.Tensor)}

    def of(self, value: Any, depth: int = 0) -> str:
        if isinstance(value, torch.Tensor):
            name = self.names.get(id(value))
            if name is not None:
                return name
            op = self.made.get(id(value))
            if op is not None and depth < 2:
                return self.expression(op, depth + 1)
            return "a tensor" if value.dim() else f"{float(value):.4g}"
        if isinstance(value, (list, tuple)):
            if id(value) in self.names:
                return self.names[id(value)]
            return "[" + ", ".join(self.of(v, depth + 1) for v in value) + "]"
        if isinstance(value, float):
            return f"{value:.4g}"
        if isinstance(value, slice):
            return _slice_text(value)
        return repr(value)

    def expression(self, op: _Op, depth: int = 0) -> str:
        name = op.name.strip("_")
        if op.name in _ARITHMETIC and len(op.args) == 2:
            left, right = op.args
            if op.name in _REVERSED:
                left, right = right, left
            return f"{self.of(left, depth)} {_ARITHMETIC[op.name]} {self.of(right, depth)}"
        if op.name == "__getitem__" and len(op.args) == 2:
            index = op.args[1] if isinstance(op.args[1], tuple) else (op.args[1],)
            return f"{self.of(op.args[0], depth)}[{', '.join(self.of(i, depth + 1) for i in index)}]"
        if op.name in _LAYERS:  # a layer's call, by the layer's name: `core.blocks.0.mlp_norm(x)`
            weight = op.kwargs.get("weight", op.args[1] if len(op.args) > 1 and op.name == "linear" else None)
            if op.name == "layer_norm" and weight is None and len(op.args) > 2:
                weight = op.args[2]
            layer = self.names.get(id(weight), "") if isinstance(weight, torch.Tensor) else ""
            if layer.endswith(".weight"):
                return f"{layer[: -len('.weight')]}({self.of(op.args[0], depth)})"
        shown = [self.of(a, depth) for a in op.args[:2]] + [f"{k}={self.of(v, depth)}" for k, v in op.kwargs.items()]
        return f"{name}({', '.join(shown)})"


def _slice_text(value: slice) -> str:
    start = "" if value.start is None else str(value.start)
    stop = "" if value.stop is None else str(value.stop)
    return f"{start}:{stop}" + ("" if value.step is None else f":{value.step}")


def _dim_of(op: _Op) -> tuple[str, int | None, Any]:
    """Where the op's axis argument is: ("kw", None, value) or ("pos", position, value), or ("", None, None)."""
    if "dim" in op.kwargs:
        return "kw", None, op.kwargs["dim"]
    position = _DIM_POSITION.get(op.name)
    if position is not None and len(op.args) > position and isinstance(op.args[position], int):
        return "pos", position, op.args[position]
    return "", None, None


def _with_dim(op: _Op, where: str, position: int | None, dim: int) -> Callable:
    def change(func, args, kwargs, mode):
        if where == "kw":
            return func(*args, **{**kwargs, "dim": dim})
        args = list(args)
        args[position] = dim
        return func(*args, **kwargs)

    return change


@dataclasses.dataclass(frozen=True)
class _Source:
    """A tensor of the computation, found again in any run: argument ``argument`` of the call when
    ``made_at`` is -1, else the result of operation ``made_at`` (its item ``item`` when it gives several,
    as split does)."""

    made_at: int
    argument: int
    key: tuple | None = None
    item: int | None = None

    def get(self, mode: _Mode) -> Any:
        if self.key is None:
            return mode.args[self.argument]
        value = mode.latest[self.key]
        return value if self.item is None else value[self.item]


def _replace_arg(position: int, item: int | None, value: Any) -> Callable[[tuple, _Mode], tuple]:
    """Replace one argument (or item ``item`` of a list argument) by ``value``: a constant, a
    :class:`_Source`, or a function of the argument and the run (``value(old, mode)``)."""

    def new(old: Any, mode: _Mode) -> Any:
        if isinstance(value, _Source):
            return value.get(mode)
        return value(old, mode) if callable(value) else value

    def replace(args: tuple, mode: _Mode) -> tuple:
        args = list(args)
        if item is None:
            args[position] = new(args[position], mode)
        else:
            inner = list(args[position])
            inner[item] = new(inner[item], mode)
            args[position] = type(args[position])(inner) if isinstance(args[position], tuple) else inner
        return tuple(args)

    return replace


def _args_changed(replace: Callable[[tuple, _Mode], tuple]) -> Callable:
    return lambda func, args, kwargs, mode: func(*replace(args, mode), **kwargs)


def _tensor_args(op: _Op) -> list[tuple[int, int | None, torch.Tensor]]:
    found = []
    for position, value in enumerate(op.args):
        if isinstance(value, torch.Tensor):
            found.append((position, None, value))
        elif isinstance(value, (list, tuple)):
            found.extend((position, item, v) for item, v in enumerate(value) if isinstance(v, torch.Tensor))
    return found


_FORMS: tuple[tuple[str, Callable[[int], float]], ...] = (  # the usual scale first
    ("1/sqrt({s})", lambda s: 1 / math.sqrt(s)),
    ("sqrt({s})", math.sqrt),
    ("1/{s}", lambda s: 1 / s),
    ("{s}", float),
)


def _form_of(value: float, sizes: dict[int, str]) -> tuple[str, int] | None:
    for form, fn in _FORMS:
        for size in sizes:
            if math.isclose(fn(size), value, rel_tol=1e-9):
                return form, size
    return None


def _number_candidates(
    value: float, sizes: dict[int, str], floats: Sequence[tuple[str, float]] = ()
) -> list[tuple[float, str]]:
    """Constants a learner may have typed or computed instead of ``value``, with how each comes about:
    the same form of another size first (1/sqrt(4) for 1/sqrt(5)), then plain slips (its square...), then
    other forms of the same size (1/5 for 1/sqrt(5)); a number reached two ways says both."""
    found: list[tuple[float, str]] = []
    own = _form_of(value, sizes)
    if own is not None:
        form, size = own
        fn = dict(_FORMS)[form]
        found += [
            (fn(other), f"{form.format(s=other)}, with {other} the size of {where}")
            for other, where in sizes.items()
            if other != size
        ]
    if value:
        found += [
            (-value, "its sign flipped"),
            (1 / value, "its inverse"),
            (value * value, "its square"),
        ]
        if value > 0:
            found.append((math.sqrt(value), "its square root"))
    if own is not None:
        found += [
            (
                f(size),
                f"{other_form.format(s=size)} where {form.format(s=size)} belongs",
            )
            for other_form, f in _FORMS
            if other_form != form
        ]
    for label, number in floats:  # another setting of the layer added, or used instead
        found += [(number, f"{label} in its place"), (value + number, f"{label} added to it")]
    found += [(1.0, "1"), (0.0, "0")]
    for size, where in sizes.items():
        for form, fn in _FORMS:
            found.append((fn(size), f"{form.format(s=size)}, with {size} the size of {where}"))
    kept: list[tuple[float, list[str]]] = []  # a number reached two ways says both (at most)
    for number, how in found:
        if math.isclose(number, value, rel_tol=1e-9, abs_tol=1e-12):
            continue
        same = [hows for k, hows in kept if math.isclose(number, k)]
        if same:
            if len(same[0]) < 2:
                same[0].append(how)
            continue
        kept.append((number, [how]))
    return [(number, "; or ".join(hows)) for number, hows in kept]


def _slice_candidates(value: slice) -> list[slice]:
    start, stop = value.start, value.stop
    found = []
    if value.step is None:
        if start is None and stop == -1:
            found += [slice(1, None), slice(None, -2), slice(None, None)]
        elif start == 1 and stop is None:
            found += [slice(None, -1), slice(2, None), slice(None, None)]
        else:
            for s in (
                start,
                None if start is None else start + 1,
                None if start is None else start - 1,
            ):
                for e in (
                    stop,
                    None if stop is None else stop + 1,
                    None if stop is None else stop - 1,
                ):
                    if (s, e) != (start, stop):
                        found.append(slice(s, e))
    return found


def candidate_edits(
    ops: Sequence[_Op],
    names: _Names,
    pool: Sequence[tuple[torch.Tensor, _Source]],
    sizes: dict[int, str],
    floats: Sequence[tuple[str, float]] = (),
) -> list[Edit]:
    """Every single change to the recorded operations, simplest kinds first."""
    edits: list[Edit] = []
    for op in ops:
        expr = names.expression(op)
        out = op.out
        floating = isinstance(out, torch.Tensor) and out.is_floating_point()
        # a nonlinearity replaced or left out
        if op.name in _ACTIVATIONS or op.name == "softmax":
            for other, fn in _ACTIVATIONS.items():
                if other != op.name:
                    edits.append(
                        Edit(
                            op.key,
                            "other-nonlinearity",
                            f"`{expr}` computed with `{other}` instead of `{op.name}`",
                            lambda func, args, kwargs, mode, fn=fn: fn(args[0]),
                            1,
                        )
                    )
            edits.append(
                Edit(
                    op.key,
                    "nonlinearity-missing",
                    f"the `{op.name}` of `{expr}` left out (its input used as it is)",
                    lambda func, args, kwargs, mode: args[0],
                    1,
                )
            )
        # an extra nonlinearity after an operation of the computation
        if floating and op.name not in _NOT_VALUES:
            for extra in _EXTRA:
                fn = _ACTIVATIONS[extra]
                edits.append(
                    Edit(
                        op.key,
                        "extra-nonlinearity",
                        f"an extra `{extra}` applied to `{expr}`" + (" (a second one)" if extra == op.name else ""),
                        lambda func, args, kwargs, mode, fn=fn: fn(func(*args, **kwargs)),
                        2,
                    )
                )
        # a sister function: cat for stack, mean for sum, argmin for argmax...
        sister = _SISTERS.get(op.name)
        if sister is not None and hasattr(torch, sister):
            edits.append(
                Edit(
                    op.key,
                    "other-function",
                    f"`{expr}` computed with `{sister}` instead of `{op.name}`",
                    lambda func, args, kwargs, mode, fn=getattr(torch, sister): fn(*args, **kwargs),
                    1,
                )
            )
        # another axis; the other sort order
        where, position, dim = _dim_of(op)
        if where and isinstance(dim, int):
            first = op.args[0][0] if isinstance(op.args[0], (list, tuple)) else op.args[0]
            if isinstance(first, torch.Tensor):
                ndim = first.dim() + (1 if op.name == "stack" else 0)
                here = dim % ndim if ndim else dim
                for other in range(ndim):
                    if other != here:
                        edits.append(
                            Edit(
                                op.key,
                                "other-axis",
                                f"`{expr}` taken over axis {other} (of {ndim}) instead of axis {dim}",
                                _with_dim(op, where, position, other),
                                1,
                            )
                        )
        for flag in ("descending", "largest"):
            if flag in op.kwargs and isinstance(op.kwargs[flag], bool):
                edits.append(
                    Edit(
                        op.key,
                        "order-flipped",
                        f"`{expr}` with {flag}={not op.kwargs[flag]}: the order reversed",
                        lambda func, args, kwargs, mode, flag=flag: func(*args, **{**kwargs, flag: not kwargs[flag]}),
                        1,
                    )
                )
        # arithmetic: a term or factor left out, operands swapped, another constant, a transpose
        if op.name in _ARITHMETIC and len(op.args) == 2:
            symbol = _ARITHMETIC[op.name]
            left, right = op.args
            first_position = 1 if op.name in _REVERSED else 0  # where the left operand of the expression is
            if op.name in _REVERSED:
                left, right = right, left
            if symbol in "+-*/":
                for kept_position in (first_position, 1 - first_position):
                    kept, dropped = op.args[kept_position], op.args[1 - kept_position]
                    if not isinstance(kept, torch.Tensor) or (symbol in "-/" and kept_position != first_position):
                        continue
                    what = "term" if symbol in "+-" else "factor" if symbol == "*" else "divisor"
                    edits.append(
                        Edit(
                            op.key,
                            f"{what}-missing",
                            f"the {what} `{names.of(dropped)}` of `{expr}` left out",
                            lambda func, args, kwargs, mode, at=kept_position: args[at],
                            1,
                        )
                    )
            if symbol in "-/@" and isinstance(left, torch.Tensor) and isinstance(right, torch.Tensor):
                edits.append(
                    Edit(
                        op.key,
                        "operands-swapped",
                        f"the operands of `{expr}` swapped",
                        lambda func, args, kwargs, mode: func(args[1], args[0], **kwargs),
                        1,
                    )
                )
            if symbol in "+-*/":
                edits.append(
                    Edit(
                        op.key,
                        "other-operation",
                        f"`{expr}` computed with `{ {'+': '-', '-': '+', '*': '/', '/': '*'}[symbol] }` "
                        f"instead of `{symbol}`",
                        _other_arithmetic(op.name, symbol),
                        2,
                    )
                )
            for position, value in enumerate(op.args):
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    own = _form_of(float(value), sizes)
                    was = f"{float(value):.4g}" + (f" = {own[0].format(s=own[1])}" if own else "")
                    for number, how in _number_candidates(float(value), sizes, floats):
                        edits.append(
                            Edit(
                                op.key,
                                "other-constant",
                                f"the constant {was} in `{expr}` is {number:.4g} in yours ({how})",
                                _args_changed(_replace_arg(position, None, number)),
                                2,
                            )
                        )
            if symbol == "@":
                for position, value in enumerate(op.args):
                    if isinstance(value, torch.Tensor) and value.dim() >= 2:
                        edits.append(
                            Edit(
                                op.key,
                                "transpose",
                                f"`{names.of(value)}` transposed (its last two axes swapped) in `{expr}`",
                                _args_changed(
                                    _replace_arg(
                                        position,
                                        None,
                                        lambda t, mode: t.transpose(-2, -1),
                                    )
                                ),
                                2,
                            )
                        )
        # a normalisation left out
        if op.name == "layer_norm":
            edits.append(
                Edit(
                    op.key,
                    "layer-missing",
                    f"the LayerNorm `{expr}` left out (its input used as it is)",
                    lambda f, a, k, m: a[0],
                    1,
                )
            )
        # a layer's bias left out or added twice
        if op.name == "linear" and len(op.args) >= 3 and isinstance(op.args[2], torch.Tensor):
            edits.append(
                Edit(op.key, "bias-missing", f"the bias of `{expr}` left out", lambda f, a, k, m: f(a[0], a[1]), 1)
            )
            edits.append(
                Edit(
                    op.key,
                    "bias-twice",
                    f"the bias of `{expr}` added twice (the layer adds it already)",
                    lambda f, a, k, m: f(*a, **k) + a[2],
                    1,
                )
            )
        # another slice of a tensor
        if op.name == "__getitem__" and len(op.args) == 2:
            index = op.args[1] if isinstance(op.args[1], tuple) else (op.args[1],)
            for at, part in enumerate(index):
                options: list[Any] = []
                if isinstance(part, slice):
                    options = _slice_candidates(part)
                elif isinstance(part, int) and not isinstance(part, bool):
                    options = [part + 1, part - 1, -part, -(part + 1)]
                for option in options:
                    if option == part:
                        continue
                    new_index = list(index)
                    new_index[at] = option
                    key = tuple(new_index) if isinstance(op.args[1], tuple) else new_index[0]
                    edits.append(
                        Edit(
                            op.key,
                            "other-slice",
                            f"`{expr}` with `{names.of(option)}` at position {at} of the index, "
                            f"instead of `{names.of(part)}`",
                            lambda func, args, kwargs, mode, key=key: func(args[0], key, **kwargs),
                            1,
                        )
                    )
        # an operand taken from another tensor of the computation (same shape), or with one added
        if op.name not in _NOT_VALUES:
            for position, item, value in _tensor_args(op):
                if position > 0 and op.name in _LAYERS:
                    continue  # the layer's own weights: not something a learner chooses
                if op.name in _ARITHMETIC and value.is_floating_point():
                    # a gate's complement: 1 - g where g belongs (a forget gate read as the share forgotten)
                    for tensor, source in pool:
                        if source.made_at >= op.index or tensor.shape != value.shape or not _in_unit_interval(tensor):
                            continue
                        edits.append(
                            Edit(
                                op.key,
                                "complement",
                                f"`1 - {names.of(tensor)}` used where `{names.of(value)}` belongs, in `{expr}`",
                                _args_changed(_replace_arg(position, item, lambda t, mode, u=source: 1 - u.get(mode))),
                                2,
                            )
                        )
                for tensor, source in pool:
                    if source.made_at >= op.index or tensor is value or tensor.shape != value.shape:
                        continue
                    if tensor.dtype != value.dtype or _close(tensor, value):
                        continue
                    edits.append(
                        Edit(
                            op.key,
                            "other-operand",
                            f"`{names.of(tensor)}` used where `{names.of(value)}` belongs, in `{expr}`",
                            _args_changed(_replace_arg(position, item, source)),
                            3,
                        )
                    )
                    if value.is_floating_point() and op.name not in _ARITHMETIC:
                        for sign, word in ((1, "added to"), (-1, "subtracted from")):
                            edits.append(
                                Edit(
                                    op.key,
                                    "extra-term",
                                    f"`{names.of(tensor)}` {word} `{names.of(value)}` in `{expr}`",
                                    _args_changed(
                                        _replace_arg(
                                            position,
                                            item,
                                            lambda t, mode, u=source, s=sign: t + s * u.get(mode),
                                        )
                                    ),
                                    3,
                                )
                            )
    edits.sort(key=lambda e: e.rank)
    return edits


def argument_edits(args: tuple, names: _Names) -> list[Edit]:
    """A nonlinearity applied to a floating argument (or to two of the same shape) before use."""
    floating = [i for i, a in enumerate(args) if isinstance(a, torch.Tensor) and a.is_floating_point()]
    groups = [(i,) for i in floating] + [
        (i, j) for i in floating for j in floating if i < j and args[i].shape == args[j].shape
    ]
    edits = []
    for group in groups:
        for extra in _EXTRA:
            fn = _ACTIVATIONS[extra]

            def change(func, args, kwargs, mode, fn=fn, group=group):
                return tuple(fn(a) if i in group else a for i, a in enumerate(args))

            which = " and ".join(f"`{names.of(args[i])}`" for i in group)
            edits.append(
                Edit(
                    None,
                    "extra-nonlinearity",
                    f"an extra `{extra}` applied to {which} before use",
                    change,
                    2,
                )
            )
    return edits


def _other_arithmetic(name: str, symbol: str) -> Callable:
    flipped = {"+": torch.sub, "-": torch.add, "*": torch.div, "/": torch.mul}[symbol]

    def change(func, args, kwargs, mode):
        left, right = args
        if name in _REVERSED:
            left, right = right, left
        return flipped(torch.as_tensor(left) if not isinstance(left, torch.Tensor) else left, right)

    return change


def nearest_edit(
    reference: Callable,
    make: Callable[[], tuple],
    kwargs: dict,
    got: Any,
    names: Sequence[str],
    params: Sequence[str],
    driver: Callable[[Callable, tuple, dict], Any] | None = None,
    max_runs: int = MAX_RUNS,
    learner: Callable | None = None,
) -> tuple[str, str] | None:
    """The single change to the reference's computation whose result is the learner's ``got``, in words
    with a cause id (``one-edit-<kind>``), or None when no single change gives it."""
    count = len(names)
    run = driver or (lambda call, args, kw: call(*args, **kw))
    grad = driver is not None  # a training step needs its gradients; a forward does not

    def reference_run(mode: _Mode) -> tuple[Any, tuple]:
        args = make()
        if mode.edit is not None and mode.edit.key is None:
            args = mode.edit.change(None, args, {}, mode)  # a change to the arguments themselves
        mode.args = args
        # the layers' hooks in every run, recording or not: a hook changes the path torch takes through a
        # layer's call, so the code sites (the operations' keys) are the same only if every run has them
        handles = _count_layer_calls(mode, args, params)
        try:
            with torch.set_grad_enabled(grad), mode:
                result = run(reference, args, kwargs)
        finally:
            for handle in handles:
                handle.remove()
        return result, args

    own = getattr(reference, "__code__", None)
    recorder = _Mode(record=True, own=own)
    try:
        want, args = reference_run(recorder)
    except Exception:  # noqa: BLE001 - a probe that cannot run says nothing
        return None
    got_t, want_t = _as_tuple(got, count), _as_tuple(want, count)
    if len(got_t) != len(want_t) or _close(got_t, want_t):
        return None
    labels = _Names(recorder, params, args)
    returned = _returned(recorder, labels, names, got_t, want_t)
    if returned is not None and returned[1] == "one-edit-results-order":
        return returned
    if returned is not None and (returned[1] == "one-edit-returned-argument" or "after its run" in returned[0]):
        return returned[0], "one-edit-returned"
    # the tensors an operand may have been taken from: the arguments, then every result, in order
    pool = [(a, _Source(-1, i)) for i, a in enumerate(args) if isinstance(a, torch.Tensor)]
    for op in recorder.ops:
        if isinstance(op.out, torch.Tensor) and op.out.dim() > 0:
            pool.append((op.out, _Source(op.index, -1, op.key)))
        elif isinstance(op.out, (tuple, list)):
            for item, value in enumerate(op.out):
                if isinstance(value, torch.Tensor) and value.dim() > 0:
                    pool.append((value, _Source(op.index, -1, op.key, item)))
    unique: list[tuple[torch.Tensor, _Source]] = []
    for tensor, source in pool:
        if not any(t.shape == tensor.shape and _close(t, tensor) for t, _ in unique):
            unique.append((tensor, source))
    reshaped = _reduced_or_reshaped(unique, labels, names, got_t, want_t)
    if reshaped is not None:
        return reshaped
    sizes = _size_origins(args, params)
    floats = _float_attributes(args, params)
    edits = (
        argument_edits(args, labels)
        + candidate_edits(recorder.ops, labels, unique, sizes, floats)
        + swap_edits(unique, labels, recorder.ops)
    )
    window = _window(recorder, learner, make, kwargs, params) if learner is not None else None
    if window is not None:  # only the operations between the last layer call that agrees and the first that does not
        edits = [e for e in edits if e.key is None or e.swap is not None or recorder.windows.get(e.key, set()) & window]
    depth = {op.key: 0 if op.key[0][-1][0] is own else 1 for op in recorder.ops}  # the function's own lines first
    order = {op.key: op.index for op in recorder.ops}
    edits.sort(key=lambda e: (e.rank, depth.get(e.key, 0), order.get(e.key, -1)))
    runs_allowed = min(max_runs, OP_BUDGET // max(recorder.count, 1))
    found: list[Edit] = []
    for runs, edit in enumerate(edits):
        if runs >= runs_allowed or (found and edit.rank > found[0].rank):
            break
        try:
            result, _ = reference_run(_Mode(record=False, edit=edit, own=own))
        except Exception:  # noqa: BLE001 - a change that cannot run is not the learner's
            continue
        result_t = _as_tuple(result, count)
        if len(result_t) == count and _close(result_t, got_t) and not _close(result_t, want_t):
            found.append(edit)
    if returned is not None and (not found or found[0].rank > 1):
        return returned[0], "one-edit-returned"  # simpler than any change but a term or axis
    if not found:
        return None
    texts = []
    for edit in found:
        if edit.text not in texts:
            texts.append(edit.text)
    shown = texts[0] + (f" (or, the same result: {texts[1]})" if len(texts) > 1 else "")
    subject = f"your {' and '.join(names)} are" if count > 1 else f"your {names[0]} is"
    return (
        f"{subject} what the right computation gives with one change: {shown}",
        f"one-edit-{found[0].kind}",
    )


def _layers(args: tuple, params: Sequence[str]) -> list[tuple[str, nn.Module]]:
    """(name, leaf layer) of every layer without children among the arguments, in a fixed order."""
    roots = [
        (params[i] if i < len(params) else f"argument {i}", value)
        for i, value in enumerate(args)
        if isinstance(value, nn.Module)
    ]
    return explain.leaf_layers(roots)


def _count_layer_calls(mode: _Mode, args: tuple, params: Sequence[str]) -> list:
    """Hooks that note, in ``mode.calls``, each call of a leaf layer as it ends (its name and inputs)."""
    handles = []
    for label, layer in _layers(args, params):

        def hook(layer, inputs, output, label=label):
            if mode.record:
                mode.paused = True  # the hook's own operations are not the computation's
                try:
                    mode.calls.append((label, [t.detach() for t in inputs if isinstance(t, torch.Tensor)]))
                finally:
                    mode.paused = False

        handles.append(layer.register_forward_hook(hook))
    return handles


def _window(
    recorder: _Mode, learner: Callable, make: Callable[[], tuple], kwargs: dict, params: Sequence[str]
) -> set[int] | None:
    """Where the learner's computation leaves the reference's, by the layers both call: the first layer
    call that gets another input (or another layer) than the reference's is j, so the mistake is in the
    operations that run after call j - 1 began and before call j began ({j - 1, j} in ``mode.windows``'
    terms). None when the arguments hold no layer, or the learner's code cannot run."""
    args = make()
    modules = [(name, layer) for name, layer in _layers(args, params)]
    if not modules:
        return None
    try:
        have = explain.leaf_calls(modules, lambda: learner(*args, **kwargs))
    except Exception:  # noqa: BLE001 - a probe only looks
        return None
    want = recorder.calls
    first = len(want)
    for j, (name, inputs) in enumerate(want):
        if j >= len(have) or have[j][0] != name or len(have[j][1]) != len(inputs):
            first = j
            break
        if not all(_close(a, b) for a, b in zip(have[j][1], inputs)):
            first = j
            break
    return {first - 1, first} if first > 0 else {0}


_REDUCTIONS = (("summed", torch.sum), ("averaged", torch.mean), ("maximised", torch.amax))


def _reduced_or_reshaped(
    pool: Sequence[tuple[torch.Tensor, _Source]], labels: _Names, names: Sequence[str], got_t: tuple, want_t: tuple
) -> tuple[str, str] | None:
    """A wrong result that is a tensor of the computation reduced over one axis (the heads summed, the
    slots averaged), or its values in memory order under another shape (a view or flatten without the
    transpose before it)."""
    for name, have, right in zip(names, got_t, want_t):
        if not isinstance(have, torch.Tensor) or not have.is_floating_point() or _close(have, right):
            continue
        for tensor, _ in pool:
            if not tensor.is_floating_point() or tensor.dim() == 0:
                continue
            for axis in range(tensor.dim()):
                for word, reduce in _REDUCTIONS:
                    for keep in (False, True):
                        reduced = reduce(tensor, dim=axis, keepdim=keep)
                        if reduced.shape == have.shape and _close(have, reduced):
                            return (
                                f"your {name} is `{labels.of(tensor)}` {word} over its axis {axis} (of "
                                f"{list(tensor.shape)}): a reduction where that axis should be kept (concatenated, "
                                "flattened or carried along), or the reduction over another axis",
                                "one-edit-reduced",
                            )
            if tensor.numel() == have.numel() and tensor.shape != have.shape and tensor.shape != right.shape:
                if _close(have, tensor.reshape(have.shape)):
                    return (
                        f"your {name} holds the values of `{labels.of(tensor)}` {list(tensor.shape)} in their memory "
                        f"order, cut to {list(have.shape)}: a view, reshape or flatten without the transpose (or "
                        "permute) that first puts the axes in the order the result needs",
                        "one-edit-reshaped",
                    )
    return None


def _returned(
    recorder: _Mode, labels: _Names, names: Sequence[str], got_t: tuple, want_t: tuple
) -> tuple[str, str] | None:
    """A wrong result that is a tensor of the right computation itself: the right results in another
    order, an argument returned as it came, or a result of a step too early (the old state, the state of
    an earlier step of a loop)."""
    if len(got_t) > 1:
        moved = []
        for i, have in enumerate(got_t):
            if _close(have, want_t[i]):
                continue
            others = [j for j, right in enumerate(want_t) if j != i and _close(have, right)]
            if not others:
                break
            moved.append(f"your {names[i]} is the right {names[others[0]]}")
        else:
            if moved:
                return (
                    f"your results are right but in another order: {'; '.join(moved)}. Return (or unpack) them "
                    f"in the order ({', '.join(names)})",
                    "one-edit-results-order",
                )
    for name, have, right in zip(names, got_t, want_t):
        if not isinstance(have, torch.Tensor) or _close(have, right):
            continue
        for position, value in enumerate(recorder.args):
            if isinstance(value, torch.Tensor) and _close(have, value):
                return (
                    f"your {name} is `{labels.of(value)}`, the argument as it came in: return what the "
                    "computation makes of it",
                    "one-edit-returned-argument",
                )
        for op in recorder.ops:
            runs = recorder.history.get(op.key, [])
            for run, value in enumerate(runs):
                if isinstance(value, torch.Tensor) and _close(have, value):
                    when = (
                        f" as it is after its run {run + 1} of {len(runs)} (a loop that stops early, runs over "
                        "another axis or skips a step?)"
                        if len(runs) > 1
                        else ""
                    )
                    return (
                        f"your {name} is `{labels.of(op.out)}` of the right computation{when}, not its end result: "
                        "the wrong tensor is returned, or a step after it is left out",
                        "one-edit-returned",
                    )
    return None


def _float_attributes(args: tuple, params: Sequence[str]) -> list[tuple[str, float]]:
    """(`gates.forget_bias`, 1.0) for every float setting of the layers among the arguments."""
    found = []
    for position, value in enumerate(args):
        if isinstance(value, nn.Module):
            root = params[position] if position < len(params) else f"argument {position}"
            for path, module in value.named_modules():
                for attribute, number in vars(module).items():
                    public = attribute.lstrip("_")
                    if attribute.startswith("_") and not isinstance(getattr(type(module), public, None), property):
                        continue  # private state, unless a property shows it (Gates.forget_bias)
                    if type(number) is float and public != "eps":
                        found.append((f"`{root}.{path}.{public}`" if path else f"`{root}.{public}`", number))
    return found[:12]


def swap_edits(pool: Sequence[tuple[torch.Tensor, _Source]], names: _Names, ops: Sequence[_Op] = ()) -> list[Edit]:
    """Two tensors of the same shape, made close together but neither from the other (a pair a layer
    returns), used in each other's place everywhere: a pair unpacked in the other order."""
    made = [(t, s) for t, s in pool if s.key is not None]
    inputs = {op.key: {id(t) for _, _, t in _tensor_args(op)} for op in ops}
    edits = []
    for i, (one, first) in enumerate(made):
        for two, second in made[i + 1 :]:
            if second.made_at - first.made_at > 6:
                break
            if id(one) in inputs.get(second.key, set()):
                continue  # the second is made from the first (a layer's input and output)
            if one.shape == two.shape and one.dtype == two.dtype and not _close(one, two):
                edits.append(
                    Edit(
                        ("swap",),
                        "pair-swapped",
                        f"`{names.of(one)}` and `{names.of(two)}` used in each other's place (a pair unpacked in "
                        "the other order?)",
                        lambda func, args, kwargs, mode: func(*args, **kwargs),
                        3,
                        swap=(first, second),
                    )
                )
    return edits


def _size_origins(args: tuple, params: Sequence[str]) -> dict[int, str]:
    """{size: where it comes from} for the sizes a constant may be computed from: the layers' own sizes
    (`attention.key_size`), then the axes of the tensor arguments ("axis 1 of `key`")."""
    found: dict[int, str] = {}
    for position, value in enumerate(args):
        if isinstance(value, nn.Module):
            name = params[position] if position < len(params) else f"argument {position}"
            for attribute, size in vars(value).items():
                if type(size) is int and size > 1 and size not in found and not attribute.startswith("_"):
                    found[size] = f"`{name}.{attribute}`"
    for position, value in enumerate(args):
        if isinstance(value, torch.Tensor):
            name = params[position] if position < len(params) else f"argument {position}"
            for axis, size in enumerate(value.shape):
                if size > 1 and size not in found:
                    found[size] = f"axis {axis} of `{name}`"
    return found
