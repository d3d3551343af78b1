"""Feedback for mistakes nobody listed: what an error raised by learner code means, and what a wrong
shape is missing. Used by :mod:`rmc_course.exercises.harness`; every explanation has a stable cause id
(the class report of causes counts them, :mod:`rmc_course.grading.causes`).
"""

from __future__ import annotations

import ast
import collections
import dis
import inspect
import itertools
import linecache
import os
import re
import textwrap
import traceback
import types
from typing import Any, Callable, Sequence

import torch
from torch import nn

from rmc_course.guard import grader_hook

# cause id -> what it means, in the words of the class report (the bank's ids are added per exercise)
CAUSES = {
    "not-written": "the function is still the released stub",
    "loss-function": "the loss is not the plain cross-entropy of the batch (another loss, an option, an extra term)",
    "integer-tensor": "an integer tensor (labels) given where floats are computed with (arguments swapped?)",
    "raised-error": "the function raised an error (no usual cause recognised)",
    "matmul-shapes": "a matrix product of tensors whose inner sizes disagree (an untransposed weight?)",
    "transpose-T": "`.T` on a tensor with more than two axes (reverses every axis)",
    "broadcast-sizes": "two tensors combined elementwise with sizes that do not match on an axis",
    "view-size": "a view/reshape to sizes whose product is not the tensor's number of elements",
    "index-range": "an index or dimension out of range (an axis that is not there)",
    "dtype-mix": "an operation mixing two dtypes (float32 and float64, or int and float)",
    "tensor-truth": "`if x`, `x or y`, `not x` on a tensor of several values (`is None` was meant?)",
    "no-graph": "backward() on a loss without a graph (computed under no_grad or from detached values)",
    "negative-size": "a size computed from the arguments is negative for some of them (N > F?)",
    "split-pieces": "`split(size)` cuts pieces of that size: another number of pieces than unpacked",
    "matmul-elementwise": "`@` (matrix product) where the equations' ⊙ asks for an element-wise `*`",
    "cat-sizes": "torch.cat of tensors whose other axes differ (an axis added in the wrong place?)",
    "expand-sizes": "expand or a slice assignment with sizes that do not line up (an axis missing, a size too big)",
    "layer-norm-width": "a LayerNorm applied to a tensor of another width than it was made for",
    "split-sizes": "split sizes that do not add up to the axis (one size taken for all pieces? no dim=-1?)",
    "layer-applied-twice": "a layer given a tensor of its own output width (applied twice?)",
    "tuple-as-tensor": "a returned pair (out, weights) used as one tensor instead of unpacked",
    "python-scalar": "a function for one Python number (math.tanh, float) given a tensor",
    "attribute-missing": "an attribute looked up on the wrong object (a shared layer lives on its owner)",
    "loss-input-shape": "cross_entropy given logits of another shape than [B, C]",
    "layer-argument-shape": "a course layer called with its arguments in another order or of another shape",
    "negative-step": "a slice with a negative step (`x[::-1]`), which torch does not take",
    "stack-sizes": "torch.stack of tensors whose shapes change from one loop pass to the next",
    "loss-batch": "cross_entropy given logits whose batch is another axis (inputs transposed before the model)",
    "numpy-stack": "vstack/hstack/dstack, which join along a fixed axis (axis 0 is the batch here)",
    "shape-axis-size": "the result has the right number of axes but one axis has the wrong size",
    "shape-missing-axis": "the result lacks an axis",
    "shape-extra-axis": "the result has an extra axis",
    "shape": "the result has another shape",
    "dtype": "the result has another dtype than the inputs (or than the spec)",
    "count": "the function returns another number of values",
    "type": "the function returns something other than a tensor or number",
    "values-differ": "values differ from the reference (no known cause recognised)",
    "in-place": "the function changes one of its input tensors in place",
    "requires-grad": "a result that requires grad though nothing it comes from does (a constant made a leaf)",
    "no-gradient": "no gradient flows back through the function (no_grad, .detach(), .data or NumPy)",
    "gradient-missing": "no gradient reaches one of the inputs or parameters the result depends on",
    "gradient-differs": "gradients differ from the reference's though the values match",
    "in-place-backward": "right values, but an in-place operation breaks backpropagation (exp_(), +=, /=)",
    "backward-error": "right values, but backpropagation through the function raises",
    "float32": "the function is right in float64 but not in float32 (a hard-coded dtype?)",
    "upstream": "an earlier function it calls is wrong: fix that one first",
    # one change to the reference's computation gives the learner's result (rmc_course.exercises.one_edit)
    "one-edit-extra-nonlinearity": "one change away: a nonlinearity (tanh, sigmoid, relu) too many",
    "one-edit-other-nonlinearity": "one change away: another nonlinearity than the equations' (sigmoid for tanh...)",
    "one-edit-nonlinearity-missing": "one change away: a nonlinearity (or softmax) left out",
    "one-edit-other-axis": "one change away: an operation over another axis (softmax, sum, cat, stack...)",
    "one-edit-order-flipped": "one change away: a sort in the other order",
    "one-edit-other-function": "one change away: a sister function (cat for stack, mean for sum, argmin for argmax)",
    "one-edit-term-missing": "one change away: a term of a sum left out",
    "one-edit-factor-missing": "one change away: a factor of a product left out",
    "one-edit-divisor-missing": "one change away: a division left out",
    "one-edit-operands-swapped": "one change away: the operands of a non-commutative operation swapped",
    "one-edit-other-operation": "one change away: + for -, * for / (or the reverse)",
    "one-edit-other-constant": "one change away: another constant (a scale from another size, no square root...)",
    "one-edit-transpose": "one change away: an operand of a matrix product transposed",
    "one-edit-other-slice": "one change away: another slice or index (an off-by-one, the other end)",
    "one-edit-other-operand": "one change away: a tensor used where another of the same shape belongs",
    "one-edit-extra-term": "one change away: a tensor added to (or subtracted from) an operand",
    "one-edit-complement": "one change away: 1 - g where a gate g belongs (the share forgotten for the share kept)",
    "one-edit-layer-missing": "one change away: a LayerNorm left out",
    "one-edit-bias-missing": "one change away: a layer's bias left out",
    "one-edit-bias-twice": "one change away: a layer's bias added a second time",
    "one-edit-pair-swapped": "one change away: two tensors of a pair used in each other's place",
    "one-edit-reduced": "a tensor of the computation summed or averaged over an axis that should be kept",
    "one-edit-reshaped": "a tensor of the computation reshaped without the transpose the order needs",
    "one-edit-results-order": "the right results returned (or unpacked) in another order",
    "one-edit-returned": "the result is a tensor of the computation before its end (the old state, an earlier step)",
    "integrity": "the function changed what the grader relies on, or used what graded code may not",
}


def argument_names(fn: Callable, count: int) -> list[str]:
    """The learner's own parameter names for ``count`` positional arguments (``arg 1``... if unknown)."""
    try:
        names = [p.name for p in inspect.signature(fn).parameters.values()]
    except (TypeError, ValueError):
        names = []
    return [names[i] if i < len(names) else f"argument {i + 1}" for i in range(count)]


def shapes_of(fn: Callable, args: Sequence[Any]) -> str:
    """``query [2, 3, 5], key [2, 4, 5], attention MultiHeadAttention``."""
    parts = []
    for name, value in zip(argument_names(fn, len(args)), args):
        if isinstance(value, torch.Tensor):
            parts.append(f"{name} {list(value.shape)}")
        elif isinstance(value, nn.Module):
            parts.append(f"{name} {type(value).__name__}")
        elif isinstance(value, (int, float, str, bool, torch.dtype, type(None))) or hasattr(value, "num_objects"):
            parts.append(f"{name} = {value!r}"[:60])
        else:
            parts.append(f"{name} {type(value).__name__}")
    return ", ".join(parts)


def _learner_line(fn: Callable, error: BaseException) -> tuple[int | None, str]:
    """(line number, source) of the deepest frame of the error that is in the learner's cell."""
    filename = getattr(getattr(fn, "__code__", None), "co_filename", None)
    found = (None, "")
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == filename:
            line = frame.line or linecache.getline(frame.filename, frame.lineno).strip()
            found = (frame.lineno, line)
    return found


def _module_sizes(args: Sequence[Any]) -> str:
    """`` (attention.key_size = 4, attention.head_size = 5, ...)`` for the layers among the arguments."""
    parts = []
    for value in args:
        if isinstance(value, nn.Module):
            parts += [f"{k} = {v}" for k, v in vars(value).items() if type(v) is int and not k.startswith("_")]
    return f" ({', '.join(parts[:8])})" if parts else ""


def _layers_of_width(args: Sequence[Any], fn: Callable, given: int, takes: int) -> list[str]:
    """The nn.Linear layers among the arguments that take ``takes`` features and give ``given``."""
    found = []
    for name, value in zip(argument_names(fn, len(args)), args):
        if isinstance(value, nn.Module):
            for path, layer in value.named_modules():
                if isinstance(layer, nn.Linear) and (layer.in_features, layer.out_features) == (takes, given):
                    found.append(f"`{name}.{path}`" if path else f"`{name}`")
    return found


def _attribute_advice(owner: str, attribute: str, fn: Callable, args: Sequence[Any]) -> str:
    """Where ``attribute`` does exist among the layers the function was given."""
    names = argument_names(fn, len(args))
    found = []
    for name, value in zip(names, args):
        if isinstance(value, nn.Module):
            for path, module in value.named_modules():
                own = vars(module)
                if any(attribute in own.get(part, {}) for part in ("_modules", "_parameters", "_buffers")) or (
                    attribute in type(module).__dict__ or attribute in own
                ):
                    found.append(f"`{name}.{path}.{attribute}`" if path else f"`{name}.{attribute}`")
    text = f"A `{owner}` has no `{attribute}`."
    if found:
        text += f" It is {' and '.join(found[:3])}: use it from there (a layer shared by several parts lives on their owner)."
    else:
        text += " Look at what the object has (`print(obj)` lists its layers) and at the exercise's text."
    return text


def _course_callee(fn: Callable, error: BaseException) -> tuple[str, list[str]] | None:
    """(name, parameter names) of the course function the learner's code called when it raised."""
    filename = getattr(getattr(fn, "__code__", None), "co_filename", None)
    tb, after_learner = error.__traceback__, False
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename == filename:
            after_learner = True
        elif after_learner and "rmc_ref" in code.co_filename:
            params = list(code.co_varnames[: code.co_argcount])
            if params and params[0] == "self":
                params = params[1:]
            return code.co_qualname.replace(".forward", ""), params
        tb = tb.tb_next
    return None


def _callee_batch_clash(fn: Callable, error: BaseException) -> str:
    """When the error arose inside a function the learner's line called, and the tensors it was given
    disagree on their first axis (the batch): which ones, with their shapes."""
    filename = getattr(getattr(fn, "__code__", None), "co_filename", None)
    tb, callee = error.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename and tb.tb_next is not None:
            callee = tb.tb_next.tb_frame
        tb = tb.tb_next
    if callee is None or os.path.dirname(torch.__file__) in callee.f_code.co_filename:
        return ""
    code = callee.f_code
    params = [p for p in code.co_varnames[: code.co_argcount] if p != "self"]
    tensors = [(p, callee.f_locals.get(p)) for p in params]
    tensors = [(p, t) for p, t in tensors if isinstance(t, torch.Tensor) and t.dim() >= 2]
    if len({t.shape[0] for _, t in tensors}) < 2:
        return ""
    listed = ", ".join(f"{p} {list(t.shape)}" for p, t in tensors)
    return (
        f"Your line called `{code.co_name}` with {listed}: their first axes, the batch, differ. Every tensor of a "
        "call carries the same batch: one of them was made for another size, read from the wrong axis "
        "(`x.shape[1]` where the batch is `x.shape[0]`)?"
    )


def _layer_sizes(args: Sequence[Any], fn: Callable) -> list[tuple[str, int]]:
    """[("attention.key_size", 4), ...]: the integer sizes of the layers among the arguments."""
    names: dict[str, int] = {}
    for name, value in zip(argument_names(fn, len(args)), args):
        if isinstance(value, nn.Module):
            for key, size in vars(value).items():
                if type(size) is int and not key.startswith("_") and size > 1:
                    names.setdefault(f"{name}.{key}", size)
    return list(names.items())[:8]


def _view_size_advice(text: str, args: Sequence[Any], fn: Callable) -> str:
    """For "shape '[2, 3, 2, 14]' is invalid for input of size 156": the asked size that is a sum of two of
    the layer's sizes, a * x + b * y, where the tensor leaves a * y + b * x (the two used in each other's place)."""
    m = re.search(r"shape '\[([^\]]*)\]' is invalid for input of size (\d+)", text)
    if not m:
        return ""
    asked = [int(v) for v in m.group(1).split(",") if v.strip()]
    total = int(m.group(2))
    sizes = _layer_sizes(args, fn)
    term = lambda a, n: n if a == 1 else f"{a} * {n}"  # noqa: E731
    for i, size in enumerate(asked):
        others = _product([v for j, v in enumerate(asked) if j != i and v != -1])
        if size == -1 or others == 0 or total % others:
            continue
        needed = total // others
        for (n, x), (k, y) in ((p, q) for p in sizes for q in sizes if p != q and p[1] != q[1]):
            for a, b in ((1, 1), (2, 1), (1, 2), (3, 1), (1, 3)):
                if a * x + b * y == size and a * y + b * x == needed:
                    return (
                        f" Axis {i} of the view asks for {size} = {term(a, n)} + {term(b, k)} ({n} = {x}, {k} = {y}), "
                        f"but the tensor leaves {needed} = {term(a, k)} + {term(b, n)}: `{n.split('.')[-1]}` and "
                        f"`{k.split('.')[-1]}` are used in each other's place (the layer's docstring says which "
                        "is which)."
                    )
    return ""


# layers with weights of their own (a parameter-free module such as nn.Softmax() is no mistake)
_LEARNED_LAYERS = frozenset(
    {
        "Linear",
        "Bilinear",
        "LazyLinear",
        "LayerNorm",
        "Embedding",
        "LSTM",
        "GRU",
        "RNN",
        "LSTMCell",
        "GRUCell",
        "RNNCell",
        "MultiheadAttention",
    }
)


def fresh_layer(fn: Callable) -> tuple[str, str] | None:
    """The learner's function builds a new torch layer (``nn.Linear(...)``) each call: its weights are
    random and never trained, whatever else the function does."""
    code = getattr(fn, "__code__", None)
    todo = [code] if isinstance(code, types.CodeType) else []
    while todo:
        current = todo.pop()
        for instruction in dis.get_instructions(current):
            name = instruction.argval
            layer = getattr(nn, name, None) if isinstance(name, str) and name[:1].isupper() else None
            if (
                instruction.opname in ("LOAD_ATTR", "LOAD_METHOD", "LOAD_GLOBAL")
                and isinstance(layer, type)
                and issubclass(layer, nn.Module)
                and (name in _LEARNED_LAYERS or name.startswith(("Conv", "BatchNorm")))
            ):
                return (
                    f"your function builds a new `nn.{name}` on every call: its weights are random and never trained "
                    "(and it is made in float32 whatever the inputs are). Use the layer you were given (for example "
                    "`projection.linear`), which the model owns and trains",
                    "fresh-layer",
                )
        todo += [c for c in current.co_consts if isinstance(c, types.CodeType)]
    return None


_ONE_TENSOR = frozenset(
    "scaled_dot_product_attention softmax log_softmax matmul bmm cat stack linear layer_norm tanh sigmoid relu "
    "dropout normalize einsum".split()
)


def unpacked_tensor(fn: Callable) -> tuple[str, str] | None:
    """A torch function that returns ONE tensor, unpacked into several names (`a, b = F.f(...)`): Python
    then splits the tensor along its first axis, the batch, without an error when the sizes agree."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError, SyntaxError):
        return None
    scope = getattr(fn, "__globals__", {})
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)):
            continue
        if not any(isinstance(t, (ast.Tuple, ast.List)) for t in node.targets):
            continue
        func = node.value.func
        if not (isinstance(func, ast.Attribute) and func.attr in _ONE_TENSOR):
            continue
        owner = func.value
        root = owner
        while isinstance(root, ast.Attribute):
            root = root.value
        module = scope.get(root.id) if isinstance(root, ast.Name) else None
        if not (getattr(module, "__name__", "") or "").startswith("torch"):
            continue
        names = [ast.unparse(t) for t in node.targets if isinstance(t, (ast.Tuple, ast.List))][0]
        call = f"{ast.unparse(owner)}.{func.attr}"
        extra = (
            " PyTorch's `scaled_dot_product_attention` returns the attended values only, without the weights: call "
            "the exercise's own `scaled_dot_product_attention` (it returns the pair), or compute the weights yourself."
            if func.attr == "scaled_dot_product_attention"
            else ""
        )
        return (
            f"`{names} = {call}(...)` unpacks one tensor: `{call}` returns a single tensor, and unpacking a tensor "
            "into several names splits it along its first axis (the batch), so each name gets one batch "
            f"element.{extra}",
            "unpacked-tensor",
        )
    return None


_STACK_AXIS = {"vstack": 0, "row_stack": 0, "hstack": 1, "column_stack": 1, "dstack": 2}


def _numpy_style_stack(line: str) -> str | None:
    """Advice for NumPy-style stacking (vstack, hstack, dstack) on the failing line: each joins along one
    fixed axis, made for tables without a batch axis."""
    for name, axis in _STACK_AXIS.items():
        if not re.search(rf"\b{name}\s*\(", line or ""):
            continue
        if axis == 0:
            return (
                f"`{name}` always joins along axis 0 (it was made for tables of rows without a batch axis, and "
                "first turns 1-D tensors into rows); here axis 0 is the batch, so it joins the wrong axis. Join "
                "along the axis the shape comment names with `torch.cat([a, b], dim=...)`, after giving every "
                "piece the same number of axes (`x.unsqueeze(1)` adds a row axis after the batch)."
            )
        return (
            f"`{name}` joins along axis {axis} (made for tables without a batch axis): every piece must have the "
            f"same number of axes and the same sizes except on axis {axis}. Say the axis yourself with "
            "`torch.cat([a, b], dim=...)`, the one the shape comment names, after giving every piece the same "
            "number of axes (`x.unsqueeze(1)` adds a row axis after the batch)."
        )
    return None


def _layer_shape_sizes(text: str) -> str:
    """For a course layer's 'must have shape [B, N, 9], got [3, 4, 18]': the axes whose numbers differ, and
    when one is a multiple of the size the layer takes, what joined them there."""
    m = re.search(r"must have shape \[([^\]]*)\], got \[([^\]]*)\]", text)
    if not m:
        return ""
    want = [w.strip() for w in m.group(1).split(",")]
    have = [h.strip() for h in m.group(2).split(",")]
    if not all(h.isdigit() for h in have):
        return ""
    if len(have) == len(want) + 1:
        for axis in range(len(have)):
            if have[axis] == "1" and len(have[:axis] + have[axis + 1 :]) == len(want):
                rest = have[:axis] + have[axis + 1 :]
                if all(not w.isdigit() or w == h for w, h in zip(want, rest)):
                    return (
                        f"Your tensor [{', '.join(have)}] has an extra axis of size 1 at position {axis}, where the "
                        f"layer takes [{', '.join(want)}]: a slice such as `x[:, t:t+1]` keeps that axis; an index "
                        "`x[:, t]` drops it (or `.squeeze(1)`)."
                    )
    if len(want) != len(have):
        return ""
    parts = []
    for axis, (w, h) in enumerate(zip(want, have)):
        if not w.isdigit() or w == h:
            continue
        size, got = int(w), int(h)
        part = f"axis {axis} has {got} where the layer takes {size}"
        if size and got % size == 0 and got // size > 1:
            k = got // size
            other = "the rows (`dim=1`)" if axis == len(want) - 1 else "another axis"
            part += (
                f" ({got} = {k} x {size}: {k} tensors joined along this axis, `torch.cat(..., dim={axis - len(want)})`, "
                f"where they should be joined along {other})"
            )
        parts.append(part)
    return ("; ".join(parts)[0].upper() + "; ".join(parts)[1:] + ".") if parts else ""


def _uses_dot_T(fn: Callable) -> bool:
    code = getattr(fn, "__code__", None)
    todo = [code] if isinstance(code, types.CodeType) else []
    while todo:
        current = todo.pop()
        for instruction in dis.get_instructions(current):
            if instruction.opname in ("LOAD_ATTR", "LOAD_METHOD") and instruction.argval == "T":
                return True
        todo += [c for c in current.co_consts if isinstance(c, types.CodeType)]
    return False


def _same_shaped_tensors(args: Sequence[Any]) -> bool:
    shapes = [tuple(a.shape) for a in args if isinstance(a, torch.Tensor) and a.dim() >= 2]
    return len(shapes) != len(set(shapes))


def explain_error(label: str, fn: Callable, error: BaseException, args: Sequence[Any]) -> tuple[str, str]:
    """(message, cause id) for an error the learner's function raised."""
    text = str(error)
    kind = type(error).__name__
    lineno, line = _learner_line(fn, error)
    where = (f" on your line {lineno}" + (f": `{line}`" if line else "")) if lineno else ""
    many_axes = any(isinstance(a, torch.Tensor) and a.dim() > 2 for a in args)
    shapes = shapes_of(fn, args)
    cause, advice = "raised-error", ""
    if (m := re.search(r"mat1 and mat2 shapes cannot be multiplied \((\d+)x(\d+) and (\d+)x(\d+)\)", text)) or (
        m := re.search(r"size mismatch.*?\[(\d+), (\d+)\].*?\[(\d+), (\d+)\]", text)
    ):
        a, b, c, d = m.groups()
        cause = "matmul-shapes"
        linear_hint = (
            "`F.linear(x, weight, bias)` transposes the weight itself (it computes `x @ weight.T + bias`): "
            "pass `layer.weight` as it is, not `layer.weight.T`."
            if "linear(" in (line or "") and ".T" in (line or "")
            else ""
        )
        fed = _layers_of_width(args, fn, int(b), int(c))
        if fed and not linear_hint:
            cause = "layer-applied-twice"
            linear_hint = (
                f"A tensor {b} wide met a layer that takes {c} features. {fed[0]} takes {c} and gives {b}: is that "
                "layer applied twice (its output given to it again, or to a function that applies it itself)?"
            )
        advice = linear_hint or (
            f"A matrix product met a [{a}, {b}] and a [{c}, {d}]: the inner sizes ({b} and {c}) must be equal. "
            "An nn.Linear's weight is [out_features, in_features]: apply the layer (`layer(x)`), or use "
            "`x @ layer.weight.T` (plus `layer.bias`), not `x @ layer.weight`."
        )
        if _uses_dot_T(fn) and many_axes:
            cause = "transpose-T"
    elif m := re.search(r"not implemented for '(Long|Int|Short|Byte|Bool)'", text):
        cause = "integer-tensor"
        integers = [
            f"`{name}`"
            for name, a in zip(argument_names(fn, len(args)), args)
            if isinstance(a, torch.Tensor) and not (a.is_floating_point() or a.is_complex())
        ]
        which = f" ({' and '.join(integers)} {'is' if len(integers) == 1 else 'are'} one)" if integers else ""
        advice = (
            f"An operation that computes with real numbers (a softmax, a log, a mean) got an integer tensor "
            f"('{m.group(1)}'){which}. Class labels are integers and logits are floats: when a function takes both, "
            "check the order of its arguments (`F.cross_entropy(logits, labels)`: the logits first, the labels "
            "second)."
        )
    elif "does not require grad and does not have a grad_fn" in text:
        cause = "no-graph"
        advice = (
            "backward() met a loss that carries no computation graph: it was computed under "
            "`torch.no_grad()` (copied from an evaluation cell?), from `.detach()`ed or `.item()` values, or "
            "through NumPy. Compute the forward pass and the loss with autograd on: no `no_grad` in a "
            "training step."
        )
    elif "The expanded size of the tensor" in text and "must match the existing size" in text:
        cause = "expand-sizes"
        m = re.search(r"Target sizes: \[([^\]]*)\]\.\s+Tensor sizes: \[([^\]]*)\]", text)
        detail = f" Here a [{m.group(2)}] met the target [{m.group(1)}]." if m else ""
        advice = (
            "`expand` (also behind an assignment into a slice) can only stretch axes of size 1 or add axes in "
            "front; it lines the sizes up from the right." + detail + " Add the missing axis where it belongs "
            "first (`x[:, None, :]` for a row axis after the batch), or, for a slice, make the two sides the same "
            "shape: cut or pad what does not fit, whichever of the sizes is larger."
        )
    elif "Boolean value of Tensor with more than one value is ambiguous" in text:
        cause = "tensor-truth"
        advice = (
            "Python asked a tensor of several values for one True/False: `if x:`, `x or y`, `x and y` and "
            "`not x` do that. To test for a missing argument write `if state is None:` (then "
            "`state = ...`); to test values use `torch.all(...)` / `torch.any(...)`."
        )
    elif "must be non-negative" in text or "negative dimension" in text:
        cause = "negative-size"
        advice = (
            "A size computed on that line is negative for these arguments. A difference of two sizes "
            "(such as `mem_size - mem_slots`) is negative when the second is the larger: the function must "
            "work for every size the arguments can take, so handle that case (cut instead of pad), or "
            "build the result in a way that needs no difference of sizes."
        )
    elif (
        kind == "ValueError"
        and re.search(r"(not enough|too many) values to unpack", text)
        and re.search(r"\.(split|chunk|unbind)\(", line or "")
    ):
        cause = "split-pieces"
        advice = (
            "The unpacking wanted another number of pieces than the split made. `x.split(size, dim)` cuts "
            "pieces of `size` along `dim` (so the number of pieces is the axis length / size), while "
            "`x.chunk(k, dim)` cuts k equal pieces. Pieces of different sizes need the list of their sizes, "
            "`x.split([size_1, size_2, size_3], dim=-1)`, one per name you unpack, each taken from the object "
            "you were given (its attributes, e.g. a `..._size`)."
        )
        if (cut := re.search(r"\.(split|chunk)\([^)]*dim=(\d+)", line or "")) is not None:
            advice += (
                f" And `dim={cut.group(2)}` picks the axis that is cut: axis {cut.group(2)} of a [B, N, ...] tensor is "
                "not its features; the features are the last axis, `dim=-1`."
            )
    elif (
        "@" in (line or "")
        and ("batch2 tensor" in text or "shapes cannot be multiplied" in text)
        and (_same_shaped_tensors(args) or re.search(r"gate\w*\s*@|@\s*\w*gate", line or ""))
    ):
        cause = "matmul-elementwise"
        advice = (
            "`@` is the matrix product (it contracts the last axis of the left operand with the "
            "second-to-last of the right one). The equations' ⊙ is an element-wise product of tensors of "
            "the same shape: write `a * b`."
        )
    elif m := re.search(
        r"stack expects each tensor to be equal size, but got \[([\d, ]*)\] at entry (\d+) and \[([\d, ]*)\] at entry (\d+)",
        text,
    ):
        cause = "stack-sizes"
        first = [int(x) for x in m.group(1).split(",") if x.strip()]
        later = [int(x) for x in m.group(3).split(",") if x.strip()]
        changed = [f"axis {i}: {a} then {b}" for i, (a, b) in enumerate(zip(first, later)) if a != b]
        advice = (
            f"The tensors you stack differ in shape (entry {m.group(2)} is {first}, entry {m.group(4)} is {later}; "
            + "; ".join(changed)
            + "): a tensor you collect in a loop changes size from one pass to the next, so something inside the "
            "loop shrinks or grows what the next pass reads (a row dropped or added inside the loop where it "
            "belongs before or after it?)."
        )
    elif m := re.search(r"Expected input batch_size \((\d+)\) to match target batch_size \((\d+)\)", text):
        cause = "loss-batch"
        rows, batch = int(m.group(1)), int(m.group(2))
        spots = [
            f"axis {axis} of `{name}` {list(a.shape)}"
            for name, a in zip(argument_names(fn, len(args)), args)
            if isinstance(a, torch.Tensor) and a.dim() > 1
            for axis in range(1, a.dim())
            if a.shape[axis] == rows and a.shape[0] == batch
        ]
        advice = f"The logits have {rows} rows and the labels {batch}: the model's batch axis is not the batch. " + (
            f"{rows} is the size of {spots[0]}: the model got its inputs with that axis first (a transpose or "
            "permute before the model, a time-major layout). Pass the inputs as they come, [B, T, D]."
            if spots
            else "Give the model the inputs as they come ([B, ...]) and the labels [B]."
        )
    elif "step must be greater than zero" in text:
        cause = "negative-step"
        advice = (
            "torch tensors take no negative step in a slice (`x[::-1]` is NumPy's reversal): reverse with "
            "`x.flip(dim)`, naming the axis you mean (`.flip(-1)` for the last; axis 0 of a [B, ...] tensor is the "
            "batch), or sort in the order you need (`argsort(..., descending=True)`)."
        )
    elif "Sizes of tensors must match except in dimension" in text:
        cause = "cat-sizes"
        m = re.search(
            r"except in dimension (\d+)\. Expected size (\d+) but got size (\d+) for tensor number (\d+)", text
        )
        detail = (
            f" Here tensor number {m.group(4)} of the list has {m.group(3)} on an axis where {m.group(2)} is expected."
            if m
            else ""
        )
        single = ""
        if m and "1" in (m.group(2), m.group(3)) and m.group(1) != "1" and "unsqueeze(0)" not in (line or ""):
            single = (
                f" They are joined along axis {m.group(1)}, and one of them has a single entry on another axis: if "
                "that piece is one more row (or step) to add, join along the axis where it has 1 (`dim=1` for the "
                "rows of a [B, N, F] tensor), not along the features; if it should sit beside every row, expand "
                "it to all rows first."
            )
        advice = (
            "torch.cat joins tensors along one axis; every other axis must have the same size in all of them."
            + detail
            + (
                single
                or " Did you add an axis in the wrong place? `x.unsqueeze(0)` adds it in front of the batch; to "
                "add a row axis after the batch write `x.unsqueeze(1)` or `x[:, None, :]`."
            )
        )
    elif "Tensors must have same number of dimensions" in text:
        cause = "cat-sizes"
        advice = (
            "torch.cat needs tensors with the same number of axes: one of them misses an axis (add it with "
            "`unsqueeze`) or is not the tensor you think (a function that returns its results in another "
            "order than you unpack them?)."
        )
    elif "must match the size of tensor b" in text or "shapes cannot be multiplied" in text or "Expected size" in text:
        cause = "broadcast-sizes"
        m = re.search(
            r"size of tensor a \((\d+)\) must match the size of tensor b \((\d+)\) at non-singleton dimension (\d+)",
            text,
        )
        if m:
            a, b, dim = m.groups()
            advice = (
                f"Two tensors met with {a} and {b} on axis {dim} (counted from the left of the broadcast shape): "
                "one of them has its axes in another order or misses an axis. Print the shapes of the two "
                "tensors on that line and compare them with the exercise's shape comments."
            )
        reduced = re.search(
            r"[-+*/]\s*[\w.\[\]]+\.(max|min|sum|mean|amax|amin|logsumexp|norm|std|var)\((dim=)?-?\d", line or ""
        )
        pair_dot = re.search(r"\((\w+) \* (\w+)\)\.sum\((dim=)?-1\)", line or "")
        if reduced and "keepdim" not in (line or ""):
            cause = "reduction-keepdim"
            advice = (
                f"`.{reduced.group(1)}(dim=...)` on that line removes the axis it reduces, so its result no longer "
                "lines up with the tensor it came from (broadcasting matches axes from the right). Keep the axis: "
                f"`.{reduced.group(1)}(dim=-1, keepdim=True)`"
                + (
                    " (for `.max`, `.amax(dim=-1, keepdim=True)` gives the values alone)."
                    if reduced.group(1) == "max"
                    else "."
                )
            )
        if pair_dot:
            a, b = pair_dot.group(1), pair_dot.group(2)
            cause = "pair-dot"
            advice = (
                f"`({a} * {b}).sum(dim=-1)` multiplies row i of `{a}` with row i of `{b}` only (a dot product per "
                "pair of rows, which needs as many rows in both); scores of every row with every other row are a "
                f"matrix product: `{a} @ {b}.transpose(-2, -1)`."
            )
        if _uses_dot_T(fn) and many_axes:
            cause = "transpose-T"
    elif "view size is not compatible with input tensor's size and stride" in text:
        cause = "view-size"
        advice = (
            "`.view` only works on a tensor whose memory is laid out in the order of its axes; after a "
            "`transpose` or `permute` it is not. Use `.reshape(...)` (or `.contiguous().view(...)`)."
        )
    elif "shape '" in text and "is invalid for input of size" in text:
        cause = "view-size"
        advice = "A view or reshape asked for sizes whose product is not the tensor's number of elements." + (
            _view_size_advice(text, args, fn)
            or " Read the sizes from the tensors (`B, N, _ = x.shape`) or from the layer "
            "(`attention.num_heads`), not from the lesson's example."
        )
    elif kind in ("IndexError",) or "Dimension out of range" in text:
        cause = "index-range"
        m = re.search(r"index (-?\d+) is out of bounds for dimension (\d+) with size (\d+)", text)
        advice = (
            (
                f"An index {m.group(1)} met an axis of size {m.group(3)} (axis {m.group(2)} of the tensor indexed on "
                "that line): that tensor is smaller there than you expect. Was it made earlier by a reduction or "
                "an index over another axis than the one you meant (a `dim=` that removed the wrong axis)? Print "
                "its shape. "
            )
            if m
            else ""
        ) + (
            "An axis or index that is not there: count the axes of the tensor on that line (the shape comments "
            "say how many) and use negative axes (`dim=-1`) for the last ones."
        )
    elif "expected scalar type" in text or "dtype" in text and ("same dtype" in text or "expected" in text):
        cause = "dtype-mix"
        advice = (
            "Two dtypes met (float32 and float64?): make new tensors with the inputs' dtype "
            "(`torch.zeros(..., dtype=x.dtype)`, `x.new_zeros(...)`), and never convert through NumPy."
        )
    elif m := re.search(
        r"normalized_shape=\[([^\]]*)\], expected input with shape \[\*, ([^\]]*)\], but got input of size\s*\[([^\]]*)\]",
        text,
    ):
        cause = "layer-norm-width"
        advice = (
            f"A LayerNorm made for {m.group(1)} features got a tensor of shape [{m.group(3)}]: it is applied to "
            f"another tensor than the one it normalises. Which tensor on that line has {m.group(1)} features? "
            "A LayerNorm that follows a layer normalises that layer's output (apply the layer first)."
        )
    elif m := re.search(
        r"split_sizes to sum exactly to (\d+).*?dimension (-?\d+)\), but got split_sizes=\[([^\]]*)\]", text
    ):
        cause = "split-sizes"
        total, dim, sizes = m.groups()
        if dim == "0":
            advice = (
                f"The split cut axis 0 (of length {total}), the batch: `split` and `torch.split` cut the first axis "
                "unless given `dim`. Cut the features: `x.split([...], dim=-1)`."
            )
        else:
            advice = (
                f"The piece sizes [{sizes}] must add up to the axis length, {total}. Take each piece's size from the "
                f"layer you were given{_module_sizes(args)}: each size by its own name, not one size for all."
            )
    elif (kind == "AttributeError" and re.search(r"'(tuple|list)' object has no attribute '(\w+)'", text)) or (
        kind == "TypeError" and re.search(r"must be Tensor, not tuple", text)
    ):
        cause = "tuple-as-tensor"
        advice = (
            "A tuple was used as one tensor (a tensor method called on it, or a torch function given it): a function returned several values (a pair such as "
            "`(out, weights)`) and the whole tuple was used as one tensor. Unpack it first: "
            "`out, weights = scaled_dot_product_attention(q, k, v)`."
        )
    elif kind == "AttributeError" and (m := re.search(r"'(\w+)' object has no attribute '(\w+)'", text)):
        cause = "attribute-missing"
        advice = _attribute_advice(m.group(1), m.group(2), fn, args)
    elif "only one element tensors can be converted to Python scalars" in text or (
        "converted to Python scalars" in text
    ):
        cause = "python-scalar"
        advice = (
            "A function made for one Python number (`math.tanh`, `math.exp`, `math.sqrt`, `float(...)`, "
            "`int(...)`) got a tensor of many values. Use the elementwise torch function instead "
            "(`torch.tanh(x)`, `torch.exp(x)`, `torch.sqrt(x)`), or `x.shape[-1]` for a size."
        )
    elif "target with class probabilities" in text or (
        "Expected target size" in text and "cross_entropy" in (line or "")
    ):
        cause = "loss-input-shape"
        advice = (
            "F.cross_entropy takes logits [B, C] (one score per class) and labels [B] (class ids). Given logits "
            "of another shape (one number per example, after an index such as `logits[:, -1]` or a reduction), "
            "it reads the labels as class probabilities and fails. Pass the model's logits as they come."
        )
    elif kind == "ValueError" and (called := _course_callee(fn, error)) is not None and " must have shape " in text:
        cause = "layer-argument-shape"
        name, params = called
        advice = (
            f"`{name}` checked its arguments and one has the wrong shape: it takes ({', '.join(params)}), in that "
            "order. Compare what you pass, in order, with that signature and the exercise's shape comments: two "
            "arguments swapped, or a tensor from before or after the step it needs?"
        )
        sizes = _layer_shape_sizes(text)
        if sizes:
            advice = f"{sizes} (`{name}` takes ({', '.join(params)}).)"
    if (stacking := _numpy_style_stack(line)) is not None:
        cause, advice = "numpy-stack", stacking
    if (unpacked := unpacked_tensor(fn)) is not None:
        cause, advice = unpacked[1], unpacked[0][0].upper() + unpacked[0][1:]
    if cause in ("dtype-mix", "matmul-shapes", "raised-error") and (built := fresh_layer(fn)) is not None:
        advice, cause = built[0][0].upper() + built[0][1:] + ".", built[1]
    clash = _callee_batch_clash(fn, error) if cause in ("cat-sizes", "broadcast-sizes", "raised-error") else ""
    if clash:
        cause, advice = "batch-clash", clash
    if cause == "transpose-T":
        advice = (
            "Your code uses `.T`, which reverses *every* axis of a tensor with more than two axes (a "
            "[B, H, N, d] key becomes [d, N, H, B]); the lesson's 2-D example hides that. Swap only the last "
            "two axes: `key.transpose(-2, -1)` (or `key.mT`)."
        )
    message = f"raised {kind}{where}.\n  {kind}: {text}\n  The arguments were {shapes}." + (
        f"\n  {advice}"
        if advice
        else "\n  Read the error above; the shape comments in the exercise say what each tensor should look like."
    )
    return message, cause


def explain_shape(name: str, have: Sequence[int], want: Sequence[int], axes: str | None = None) -> tuple[str, str]:
    """(sentence, cause id) for a wrong shape: which axis differs, or which one is missing or extra.

    ``axes``: what the expected axes are, e.g. ``"B, N+1, F"``, named in the sentence."""
    have, want = list(have), list(want)
    labels = [a.strip() for a in axes.split(",")] if axes else []
    label = lambda i: f" ({labels[i]})" if i < len(labels) else ""  # noqa: E731
    head = f"{name} has shape {have}, expected {want}" + (f" [{axes}]" if axes else "")
    if len(have) == len(want):
        wrong = [i for i, (h, w) in enumerate(zip(have, want)) if h != w]
        parts = [f"axis {i}{label(i)} has {have[i]} where {want[i]} are expected" for i in wrong]
        if sorted(have) == sorted(want) and len(labels) == len(want) and len(set(want)) == len(want):
            order = [labels[want.index(size)] for size in have]
            return (
                f"{head}: yours is [{', '.join(order)}], the right axes in another order: stack or cat along "
                "the axis the shape comment puts it on (`dim=`), or move the axes with `.transpose`/`.permute` "
                "(a `.view` or `.reshape` does not move them), or give a constructor its sizes in that order",
                "shape-axis-order",
            )
        if wrong and all(want[i] > 1 and have[i] == want[i] * want[i] for i in wrong):
            sizes = "; ".join(f"axis {i}{label(i)} has {have[i]} = {want[i]} x {want[i]}" for i in wrong)
            return (
                f"{head}: {sizes}. An axis multiplied by its own size: `repeat` takes how many copies to make "
                "along each axis, not the sizes to reach (that is `expand`): repeat only the axis that needs "
                "copies, e.g. `x.repeat(batch_size, 1, 1)`",
                "shape-repeat-sizes",
            )
        if len(wrong) == 1 and wrong[0] < len(labels) and labels[wrong[0]] == "B" and have[wrong[0]] == 1:
            return (
                f"{head}: the batch axis has 1 where {want[wrong[0]]} are expected: one tensor made for the whole "
                "batch. Make one copy per batch element (`x.unsqueeze(0).repeat(batch_size, 1, 1)` or "
                "`.expand(batch_size, -1, -1).clone()`); `unsqueeze(0)` alone adds an axis of size 1",
                "shape-batch-one",
            )
        if len(wrong) == 2:
            i, j = wrong
            for grown, cut in ((i, j), (j, i)):
                k = have[grown] // want[grown] if want[grown] else 0
                if (
                    k > 1
                    and have[grown] == k * want[grown]
                    and have[cut] * k != want[cut]  # a factor moved whole is another story (below)
                    and have[cut] in (want[cut] // k, -(-want[cut] // k))
                ):
                    return (
                        f"{head}: axis {grown}{label(grown)} still holds {k} pieces ({have[grown]} = {k} x "
                        f"{want[grown]}) and axis {cut}{label(cut)} was cut into {k} instead ({want[cut]} -> "
                        f"{have[cut]}): the split or chunk cut axis {cut} where the pieces lie along axis {grown}: "
                        f"give it `dim={grown - len(have)}`",
                        "shape-split-axis",
                    )
        if len(wrong) == 2:
            i, j = wrong
            big, small = (i, j) if have[i] > want[i] else (j, i)
            k = have[big] // want[big] if want[big] else 0
            if k > 1 and have[big] == k * want[big] and have[small] * k == want[small]:
                return (
                    f"{head}: axis {big}{label(big)} is {k} times too long ({have[big]} = {k} x {want[big]}) and axis "
                    f"{small}{label(small)} {k} times too short ({want[small]} = {k} x {have[small]}): {k} pieces were "
                    f"joined along axis {big} where they belong side by side along axis {small} "
                    f"(`torch.cat(pieces, dim={small})`), or a view/reshape put that factor {k} on the wrong axis",
                    "shape-factor-moved",
                )
        if len(wrong) == 2 and have[wrong[0]] == want[wrong[0]] - 1 and have[wrong[1]] == want[wrong[1]] + 1:
            i, j = wrong
            cut = "[" + ", ".join([":"] * j + [":-1"]) + "]"
            return (
                f"{head}: axis {i}{label(i)} lost one and axis {j}{label(j)} kept one too many: a slice or index "
                f"made for axis {j} was applied to axis {i} (`x[:-1]` cuts the first axis; to cut axis {j} write "
                f"`x{cut}`)",
                "shape-slice-axis",
            )
        for i in wrong:
            if have[i] == 1 and want[i] > 2:
                parts.append(
                    f"axis {i} keeps one of {want[i]}: a loop that overwrites a variable where it should append to "
                    "a list (then stack it), or an index such as `[-1]` that keeps only the last?"
                )
            elif have[i] == 1 and want[i] == 2:
                parts.append(
                    f"axis {i} keeps one of 2: a loop that overwrites a variable where it should append to a list "
                    "(then stack it), or one of two pieces missing?"
                )
            elif have[i] * 2 == want[i]:
                parts.append(
                    f"axis {i} is half as long as it should be: two pieces added (`+`) where they should be "
                    "joined (`torch.cat`), or one of two pieces missing?"
                )
            elif have[i] == want[i] * 2:
                parts.append(
                    f"axis {i} is twice as long as it should be: two pieces joined (`torch.cat`) where they "
                    "should be added (`+`), or both halves kept where one was meant?"
                )
            elif have[i] == want[i] + 1 and i < len(labels) and labels[i] == "B":
                parts.append("the batch axis grew: a torch.cat along axis 0 where another axis was meant?")
        for i in wrong:
            if i >= len(labels) or labels[i] not in ("T", "N", "N+1"):
                continue  # an off-by-one is a guess worth making for rows and steps only
            if have[i] == want[i] - 1:
                parts.append(
                    f"axis {i} is one short: an off-by-one in a loop or a slice (`range(1, n)`, `range(n - 1)`, "
                    "`[:-1]`, `[1:]`)?"
                )
            elif have[i] == want[i] + 1:
                parts.append(f"axis {i} has one too many: a row or step that should have been dropped or skipped?")
        if sorted(have) == sorted(want):
            parts.append("the same sizes in another order: a transpose or a view that should have been a permute")
        return f"{head}: " + "; ".join(parts), "shape-axis-size"
    if len(have) == len(want) - 1:
        for i in range(len(want)):
            if want[:i] + want[i + 1 :] == have:
                return (
                    f"{head}: axis {i}{label(i)} of size {want[i]} is missing (a sum, an index or a squeeze too many?)",
                    "shape-missing-axis",
                )
        if len(have) == 1 and have[0] == _product(want) and len(want) >= 2:
            return (
                f"{head}: every axis is flattened into one, the batch axis too (`view(-1)` or `flatten()` "
                "merge all of them): keep the batch axis, e.g. `x.reshape(x.shape[0], -1)` or `x.flatten(1)`",
                "shape-missing-axis",
            )
        for i in range(len(want) - 1):
            if want[:i] + [want[i] * want[i + 1]] + want[i + 2 :] == have:
                return (
                    f"{head}: axes {i}{label(i)} and {i + 1}{label(i + 1)} are merged into one of size "
                    f"{have[i]}: `torch.cat` joins along an existing axis, `torch.stack` makes a new one "
                    "(or a view/flatten merged them)",
                    "shape-missing-axis",
                )
        return f"{head}: one axis too few", "shape-missing-axis"
    if len(have) == len(want) + 1:
        for i in range(len(have)):
            if have[:i] + have[i + 1 :] == want:
                twin = any(have[j] == have[i] for j in range(len(have)) if j != i)
                hint = (
                    " An extra axis as long as another one often comes from indexing with `:` on one axis and a "
                    "tensor of indices on another (`x[:, idx]` picks every combination): index both axes with "
                    "tensors, `x[torch.arange(B), idx]`."
                    if twin
                    else ""
                )
                return (
                    f"{head}: an extra axis of size {have[i]} at position {i} (an unsqueeze or a stack too many?)"
                    + hint,
                    "shape-extra-axis",
                )
        for i in range(len(have) - 1):
            if have[:i] + [have[i] * have[i + 1]] + have[i + 2 :] == want:
                return (
                    f"{head}: axis {i}{label(i)} of size {want[i]} is split into two axes, {have[i]} x "
                    f"{have[i + 1]}: `torch.stack` makes a new axis where `torch.cat` extends an existing one "
                    "(or a view split it)",
                    "shape-extra-axis",
                )
        return f"{head}: one axis too many", "shape-extra-axis"
    return head, "shape"


# =============================================================================================
# Probes: when values differ and no known misconception matches, what relation does the learner's
# result have with the reference's? Each names the broken property and what usually breaks it.

CAUSES.update(
    {
        "masked": "entries exactly 0 where the reference's are not (a mask, a clamp)",
        "reduction-keepdim": "a reduction without keepdim=True, so its result no longer lines up",
        "rearranged": "the input's axes moved into another order before a reshape",
        "fresh-layer": "a new torch layer built inside the function (random, never trained weights)",
        "pair-dot": "(a * b).sum(-1) where every row meets every row (a matrix product)",
        "rolled": "the right attention maps with rows and columns rolled (the input row placed first)",
        "axes-swapped": "two axes of the same size swapped (a stack/cat dim, a transpose)",
        "batch-clash": "tensors of different batch sizes given to one call (a size read from the wrong axis)",
        "shape-axis-order": "the right axes in another order (a stack/cat dim, a missing transpose)",
        "shape-repeat-sizes": "repeat given the target sizes instead of the number of copies",
        "shape-slice-axis": "a slice or index applied to another axis than meant",
        "shape-factor-moved": "pieces joined along one axis where they belong along another (a cat dim)",
        "shape-batch-one": "one tensor for the whole batch (a batch axis of 1 where batch_size are expected)",
        "shape-split-axis": "a split or chunk that cut another axis than the one its pieces lie along",
        "shape-only": "the right values in the right order, given another shape",
        "entries-missing": "entries along one axis missing or extra (one written over, dropped, or added)",
        "random-result": "a different result on every call with the same inputs (dropout or another random op)",
        "complement": "1 minus the reference's values (sigmoid(-x), or the gate's roles swapped)",
        "time-shift": "the right outputs one step late or early",
        "coupled-results": "one result computed as 1 minus another (coupled gates) instead of from its own terms",
        "m-n-swapped": "m and n taken in each other's place (the order decode returns them in)",
        "callee-output-unused": "a result of an earlier function (v of split_heads...) left unused",
        "split-heads-order": "heads cut from the projection in another axis order (a transpose before the view)",
        "optimizer-changed": "the optimizer's settings changed (or another optimizer made) inside the step",
        "m-ranked-first": "object m's own distance made the largest, so m is ranked farthest",
        "argument-added": "an argument added (broadcast) to entries where the reference keeps it apart",
        "unpacked-tensor": "one tensor unpacked into several names (split along the batch), e.g. torch's sdpa",
        "unroll-start": "unroll without a state starts from another memory than core.initial_state",
        "init-past-width": "memory slots past the width F not zero (the identity repeated instead of cut)",
        "step-count": "a layer called another number of times than the reference calls it (a loop's indentation)",
        "steps-as-ids": "step positions and object ids mixed up (answers right only in id order)",
        "scale-invariant": "the result ignores the scale of an argument (the vectors normalised: a cosine)",
        "scale": "every value off by the same factor (a scale missing or extra)",
        "offset": "every value off by the same amount (a bias or constant added or missing)",
        "sign": "the sign is flipped",
        "transposed": "the last two axes are swapped",
        "order": "the right values in another order along one axis",
        "batch-mixing": "batch elements are mixed (the result depends on the other batch elements)",
        "rows-not-normalised": "attention weights whose rows do not sum to 1 over the keys",
        "gates-range": "gates outside (0, 1): no sigmoid",
        "localised": "only some positions of the result are wrong (named in the message)",
        "argument-ignored": "the result does not depend on an argument the reference's depends on",
        "arguments-swapped": "two arguments of the same shape used in each other's place",
        "rows-drop-first": "M̃ keeps rows 1..N (drops memory slot 0, keeps the input row) instead of the first N",
        "input-row-first": "the input row is put first ([x̂; M]) instead of last ([M; x̂])",
        "blocks-not-chained": "every attention block reads the same input instead of the previous block's output",
        "rank-offset": "answers a constant number of ranks off (n counted from 1, or off by one)",
        "wrong-distance": "objects ranked by another distance than the Euclidean one",
        "loss-after-step": "the returned loss is recomputed after optimizer.step()",
        "loss-on-logits": "nll_loss on raw logits (no log_softmax)",
        "loss-returned": "the update is right but the returned loss is not this batch's loss",
        "loss-summed": "the loss summed over the batch instead of averaged",
        "gates-input-not-affine": "gate pre-activations not affine in x̂ (a tanh or other function on the input)",
        "gates-memory-not-affine": "gate pre-activations not affine in tanh(M) (tanh after the projection?)",
    }
)


def _product(sizes: Sequence[int]) -> int:
    result = 1
    for size in sizes:
        result *= size
    return result


def _axis_label(axes: str | None, axis: int) -> str:
    labels = [a.strip() for a in axes.split(",")] if axes else []
    return f" ({labels[axis]})" if axis < len(labels) else ""


def value_relation(
    name: str, have: torch.Tensor, want: torch.Tensor, axes: str | None = None
) -> tuple[str, str] | None:
    """A sentence on how ``have`` relates to ``want`` (same shape), or None when no simple relation holds."""
    if have.shape != want.shape or not have.is_floating_point() or have.numel() == 0:
        return None
    have, want = have.detach().double(), want.detach().double()
    close = lambda a, b: bool(torch.isclose(a, b, rtol=1e-5, atol=1e-7).all())  # noqa: E731
    big = want.abs() > 1e-6
    if big.any():
        ratio = have[big] / want[big]
        r = ratio.median()
        if not close(r, torch.ones((), dtype=r.dtype)) and close(have, want * r):
            factor = float(r)
            whole = round(factor) if factor > 1 else round(1 / factor) if factor > 0 else 0
            if whole >= 2 and abs((factor if factor > 1 else 1 / factor) - whole) < 1e-6:
                hint = (
                    f"an integer factor, {whole}: a sum where a mean was meant (a loss or an average summed over "
                    "the batch or an axis, `reduction='sum'`)?"
                    if factor > 1
                    else f"1/{whole} = 1/sqrt({whole * whole}): a scale such as 1/sqrt(d_k) applied where it does not "
                    "belong (or twice), a mean where a sum was meant, or a division by a size too many?"
                )
            else:
                hint = f"{factor**2:.4g} = {factor:.4g}²; is it a sqrt of a size, such as sqrt(d_k)?"
            return (
                f"every value of {name} is {factor:.4g} times the reference's: a scale is missing or extra ({hint})",
                "scale",
            )
    if close(have, -want):
        return f"{name} has the reference's values with the sign flipped", "sign"
    if bool(((want > 0) & (want < 1)).all()) and close(have, 1 - want):
        return (
            f"every value of {name} is 1 minus the reference's: sigmoid(-x) where sigmoid(x) is meant "
            "(1 / (1 + exp(x)) lost the minus sign of exp(-x); `torch.sigmoid(x)` has it right), or two roles "
            "swapped where one is 1 minus the other",
            "complement",
        )
    offset = (have - want).median()
    if not close(offset, torch.zeros((), dtype=offset.dtype)) and close(have, want + offset):
        return f"every value of {name} is off by {float(offset):.4g}: a bias or constant added or missing", "offset"
    if have.dim() >= 2 and have.shape[-1] == have.shape[-2] and close(have, want.transpose(-2, -1)):
        return (
            f"{name} is the reference's with its last two axes swapped: a transpose missing or extra "
            "(or `.T`, which reverses every axis)",
            "transposed",
        )
    for axis in range(have.dim()):
        if have.shape[axis] > 1 and close(have.sort(dim=axis).values, want.sort(dim=axis).values):
            return (
                f"{name} has the right values but in another order along axis {axis}{_axis_label(axes, axis)}: a "
                "view/reshape where a permute or transpose was needed, a transpose too many before a "
                "view/flatten, or pieces concatenated in another order",
                "order",
            )
    wrong = ~torch.isclose(have, want, rtol=1e-5, atol=1e-6)
    parts = []
    for axis in range(have.dim()):
        others = [d for d in range(have.dim()) if d != axis]
        per_index = wrong.any(dim=others) if others else wrong
        bad = [int(i) for i in torch.nonzero(per_index).flatten()]
        if 0 < len(bad) < have.shape[axis] and (have.shape[axis] <= 8 or len(bad) <= have.shape[axis] // 2):
            shown = ", ".join(str(i) for i in bad[:6]) + (" ..." if len(bad) > 6 else "")
            parts.append(f"index {shown} of axis {axis}{_axis_label(axes, axis)} (of {have.shape[axis]})")
    if parts:
        text = f"{name} is right except at " + "; ".join(parts) + ": look at what your code does there"
        labels = [a.strip() for a in axes.split(",")] if axes else []
        if "blocks" in labels:
            axis = labels.index("blocks")
            others = [d for d in range(have.dim()) if d != axis]
            bad = [int(i) for i in torch.nonzero(wrong.any(dim=others) if others else wrong).flatten()]
            if bad and bad[0] > 0:
                text += (
                    f". Block {bad[0] - 1}'s attention is right and block {bad[0]}'s is not, so block {bad[0] - 1} "
                    "reads the right rows but passes a wrong result on: look at the part of a block after its "
                    "attention (the residual connections, the MLP, the LayerNorms and which tensor each one gets)"
                )
        return text, "localised"
    return None


def axes_swapped(name: str, have: Any, want: Any, axes: str | None = None) -> tuple[str, str] | None:
    """``have`` is ``want`` with two axes of the same size swapped: a shape check cannot see it."""
    if not (isinstance(have, torch.Tensor) and isinstance(want, torch.Tensor)) or have.shape != want.shape:
        return None
    if have.is_floating_point() and torch.allclose(have, want, rtol=1e-5, atol=1e-6):
        return None
    if have.dim() >= 2 and have.shape[-1] == have.shape[-2] > 1 and have.is_floating_point():
        for k in range(1, have.shape[-1]):
            if torch.allclose(have, want.roll((k, k), dims=(-2, -1)), rtol=1e-5, atol=1e-6):
                return (
                    f"{name} holds the right maps with its rows and columns moved {k} place(s) later (the last "
                    f"{k} first): the rows it was computed on are in another order, e.g. the input row placed first "
                    "where [M; x̂] puts it last (and then the last row dropped where the first should have been)",
                    "rolled",
                )
    for i in range(have.dim()):
        for j in range(i + 1, have.dim()):
            if have.shape[i] > 1 and have.shape[i] == have.shape[j]:
                swapped = want.transpose(i, j)
                if torch.allclose(have.to(swapped.dtype), swapped, rtol=1e-5, atol=1e-6):
                    return (
                        f"{name} has the right values with axis {i}{_axis_label(axes, i)} and axis "
                        f"{j}{_axis_label(axes, j)} swapped (they have the same size here, so the shape looked "
                        f"right): stack or cat along the axis the shape comment gives (`dim={j}` or `dim={i}`), or "
                        "transpose the two",
                        "axes-swapped",
                    )
    return None


def zeroed_entries(name: str, have: Any, want: Any) -> tuple[str, str] | None:
    """``have`` is exactly 0 where the reference's is not: a mask, a clamp or a slice assignment."""
    if not (isinstance(have, torch.Tensor) and isinstance(want, torch.Tensor)) or have.shape != want.shape:
        return None
    if not have.is_floating_point() or have.dim() < 2 or "weights" not in name:
        return None  # a mask is a property of attention weights; zeros elsewhere have other causes
    zeroed = (have == 0) & (want.abs() > 1e-6)
    if not zeroed.any():
        return None
    rows, cols = have.shape[-2:]
    pattern = zeroed.reshape(-1, rows, cols).any(0)  # [rows, cols]
    ones = torch.ones(rows, cols, dtype=torch.bool)
    if any(torch.equal(pattern, ones.triu(k)) for k in range(1 - rows, cols)):
        return (
            f"{name} is exactly 0 above the diagonal, where the reference's is not: a causal (triangular) mask, as "
            "in a Transformer decoder. Here every query may attend to every key (the memory slots have no order): "
            "no mask",
            "masked",
        )
    return (
        f"{name} is exactly 0 at {int(zeroed.sum())} of {have.numel()} positions where the reference's is not: a "
        "mask, a clamp/ReLU or a slice assignment that zeroes them?",
        "masked",
    )


def rearrangement(name: str, args: Sequence[Any], have: Any, want: Any) -> tuple[str, str] | None:
    """When the result is the one tensor argument rearranged (its axes permuted, then reshaped), and the
    reference's is another such rearrangement: which axis order each used before the reshape."""
    tensors = [a for a in args if isinstance(a, torch.Tensor)]
    if len(tensors) != 1 or not isinstance(have, torch.Tensor) or not isinstance(want, torch.Tensor):
        return None
    source = tensors[0]
    if have.shape != want.shape or have.numel() != source.numel() or not 2 <= source.dim() <= 5:
        return None

    def order_of(result: torch.Tensor) -> tuple[int, ...] | None:
        for order in itertools.permutations(range(source.dim())):
            if torch.equal(source.permute(order).reshape(result.shape), result):
                return order
        return None

    mine, right = order_of(have), order_of(want)
    if mine is None or right is None or mine == right:
        return None
    moved = [i for i in range(source.dim()) if right[i] != i]
    fix = f"`.transpose({moved[0]}, {moved[1]})`" if len(moved) == 2 else f"`.permute{right}`"
    return (
        f"your {name} is the input's values read in the axis order {mine} before the reshape"
        + (" (it moves axis 0, the batch, so batch elements mix)" if mine[0] != 0 and right[0] == 0 else "")
        + f"; the right order is "
        f"{right}, which {fix} gives: move the axes that the reshape must join next to each other, in the order "
        "the result's shape comment names them",
        "rearranged",
    )


def property_problem(name: str, have: Any) -> tuple[str, str] | None:
    """Properties any right result has, by what the result is (its name in the check)."""
    if not isinstance(have, torch.Tensor) or not have.is_floating_point():
        return None
    if "weights" in name and have.dim() >= 2:
        sums = have.detach().double().sum(dim=-1)
        if not bool(torch.isclose(sums, torch.ones_like(sums), atol=1e-6).all()):
            exp_sums = have.detach().double().exp().sum(dim=-1)
            if bool((have <= 0).all()) and bool(torch.isclose(exp_sums, torch.ones_like(exp_sums), atol=1e-6).all()):
                return (
                    f"{name} are logarithms of weights that sum to 1: `log_softmax` where the formula has the "
                    "softmax. Use `torch.softmax(scores, dim=-1)`: the weights must be positive and sum to 1",
                    "rows-not-normalised",
                )
            constant = float(sums.flatten()[0])
            if bool(torch.isclose(sums, torch.full_like(sums, constant), atol=1e-6).all()):
                factor = 1 / constant if constant else 0.0
                hint = (
                    f" = 1/sqrt({round(factor**2)})" if factor > 0 and abs(factor**2 - round(factor**2)) < 1e-6 else ""
                )
                return (
                    f"every row of {name} sums to {constant:.4g}{hint}, not 1: the softmax was right, then the weights "
                    "were scaled. Scale the scores *before* the softmax (softmax(Q Kᵀ / sqrt(d_k))) and leave the "
                    "weights as the softmax gives them",
                    "rows-not-normalised",
                )
            return (
                f"the rows of {name} do not sum to 1 over the keys (the last axis): take the softmax over the keys, "
                "`dim=-1`, after scaling the scores",
                "rows-not-normalised",
            )
    if "gate" in name:
        values = have.detach()
        if bool((values <= 0).any() or (values >= 1).any()):
            return (
                f"{name} has values outside (0, 1): a gate is `torch.sigmoid` of its pre-activation (biases added "
                "before the sigmoid)",
                "gates-range",
            )
    return None


def batch_mixing(learner: Callable, args: tuple, kwargs: dict, got: Any, count: int) -> tuple[str, str] | None:
    """Run the learner's function on the batch in reverse order: a right result is just reversed too."""
    tensors = [a for a in args if isinstance(a, torch.Tensor)]
    if not tensors or tensors[0].dim() == 0 or tensors[0].shape[0] < 2:
        return None
    batch = tensors[0].shape[0]
    if any(t.dim() == 0 or t.shape[0] != batch for t in tensors):
        return None
    flipped = tuple(a.flip(0) if isinstance(a, torch.Tensor) else a for a in args)
    try:
        again = learner(*flipped, **kwargs)
    except Exception:  # noqa: BLE001 - the probe only looks for mixing
        return None
    mixing = (
        "the result for one batch element depends on the other batch elements: a view/reshape that "
        "moves the batch axis, a sum or mean over axis 0, or a repeat/expand along the wrong axis "
        "mixes them (`x.repeat(N, 1)` on [B, F] stacks whole batches one after the other; one copy per "
        "batch element is `x.unsqueeze(1).expand(-1, N, -1)` or `x.repeat_interleave(N, dim=0)`)"
    )
    got_t = got if isinstance(got, (tuple, list)) else (got,)
    again_t = again if isinstance(again, (tuple, list)) else (again,)
    reversal_mixes = any(
        isinstance(one, torch.Tensor)
        and isinstance(two, torch.Tensor)
        and one.shape == two.shape
        and one.dim() > 0
        and one.shape[0] == batch
        and not bool(torch.isclose(one.flip(0), two, rtol=1e-6, atol=1e-8).all())
        for one, two in zip(got_t[:count], again_t[:count])
    )
    # a symmetric mix survives the reversal (two elements interleaved): change element 0 alone, to a copy of
    # another element (a valid input: noise could break one-hot parts of a task's inputs)
    first_moves_others = _others_change(learner, args, kwargs, got_t, count, batch, first=True)
    if first_moves_others and not _others_change(learner, args, kwargs, got_t, count, batch, first=False):
        return (
            "every batch element's result changes when batch element 0 changes, and none when the last "
            "one does: a value of the first element (an index `[0]`, `.item()`, `int(x)`, a Python "
            "number taken from a tensor) is used for the whole batch. Keep one value per element "
            "(index with `torch.arange(B)`, or `gather`)",
            "batch-mixing",
        )
    if reversal_mixes:
        return mixing + " (reversing the batch did not just reverse your result)", "batch-mixing"
    if first_moves_others:
        return mixing + " (changing batch element 0 changed the others' results)", "batch-mixing"
    return None


def batch_reversal(fn: Callable | None) -> tuple[str, str] | None:
    """When the batch is mixed: a reversal of axis 0 in the learner's code (``.flip(0)``, ``[::-1]``)."""
    try:
        source = inspect.getsource(fn) if fn is not None else ""
    except (OSError, TypeError):
        return None
    m = re.search(r"\.flip\(\s*(?:dims\s*=\s*)?\(?\s*0\s*,?\s*\)?\s*\)|\[\s*::\s*-1\s*\]", source)
    if m is None:
        return None
    return (
        f"the result for one batch element depends on the other batch elements, and your code reverses axis 0 "
        f"(`{m.group(0)}`): on a [B, ...] tensor axis 0 is the batch, so the reversal swaps batch elements. "
        "Reverse the axis you mean (`.flip(-1)` for the last one), or sort with `descending=True`",
        "batch-mixing",
    )


def _others_change(learner, args, kwargs, got_t, count, batch, first: bool) -> bool:
    """Whether replacing batch element 0 (``first``) or the last one by another element of the batch (a valid
    input: noise could break one-hot parts of a task's inputs) changes the results of the other elements;
    up to three replacements, since one may leave them unchanged by chance."""
    keep = slice(1, None) if first else slice(None, -1)
    for source in range(1, min(batch, 4)):
        changed = []
        for a in args:
            if isinstance(a, torch.Tensor) and a.dim() and a.shape[0] == batch:
                a = a.clone()
                if first:
                    a[0] = a[source]
                else:
                    a[-1] = a[-1 - source]
            changed.append(a)
        try:
            moved = learner(*changed, **kwargs)
        except Exception:  # noqa: BLE001
            continue
        moved_t = moved if isinstance(moved, (tuple, list)) else (moved,)
        for one, two in zip(got_t[:count], moved_t[:count]):
            if isinstance(one, torch.Tensor) and isinstance(two, torch.Tensor) and one.shape == two.shape and one.dim():
                if one.shape[0] == batch and not bool(torch.isclose(one[keep], two[keep], rtol=1e-6, atol=1e-8).all()):
                    return True
    return False


def coupled_results(names: Sequence[str], have: Sequence[Any], want: Sequence[Any]) -> tuple[str, str] | None:
    """One result computed as 1 minus another (coupled gates, as in a GRU), where the reference computes
    each from its own terms."""
    for j, (name_j, a, ref_a) in enumerate(zip(names, have, want)):
        for k, (name_k, b, ref_b) in enumerate(zip(names, have, want)):
            if j == k or not all(isinstance(t, torch.Tensor) and t.is_floating_point() for t in (a, b, ref_a, ref_b)):
                continue
            if a.shape != b.shape or ref_a.shape != ref_b.shape:
                continue
            if torch.allclose(b.double(), 1 - a.double(), atol=1e-6) and not torch.allclose(
                ref_b.double(), 1 - ref_a.double(), atol=1e-6
            ):
                return (
                    f"your {name_k} is 1 minus your {name_j} (coupled, as in a GRU's update gate or a coupled LSTM); "
                    f"here each is computed from its own terms: {name_k} is the sigmoid of its own half of the "
                    "pre-activations plus its own bias, not a function of the other",
                    "coupled-results",
                )
    return None


def same_values_other_shape(name: str, have: Any, want: Any) -> tuple[str, str] | None:
    """``have`` holds exactly the reference's values in the same memory order, only shaped otherwise."""
    if not (isinstance(have, torch.Tensor) and isinstance(want, torch.Tensor)) or have.shape == want.shape:
        return None
    if have.numel() != want.numel() or not have.is_floating_point():
        return None
    if not torch.allclose(have.detach().reshape(-1).double(), want.detach().reshape(-1).double(), rtol=1e-5, atol=1e-6):
        return None
    return (
        f"your {name} has the right values in the right order, only the shape is wrong: reshape it to "
        f"{list(want.shape)} (keep every axis the shape comment names; a `-1` or a missing size let two axes fold "
        "into one)",
        "shape-only",
    )


def added_argument(
    name: str, have: Any, want: Any, args: Sequence[Any], params: Sequence[str], axes: str | None = None
) -> tuple[str, str] | None:
    """Where ``have`` is wrong, is it the reference's plus (or minus) one of the arguments, broadcast? An
    argument added to rows where it should be joined as a row of its own, or a term too many."""
    if not (isinstance(have, torch.Tensor) and isinstance(want, torch.Tensor)) or have.shape != want.shape:
        return None
    if not have.is_floating_point() or have.dim() < 2:
        return None
    diff = (have.detach() - want.detach()).double()
    wrong = diff.abs() > 1e-6
    if not wrong.any():
        return None
    for index, a in enumerate(args):
        if not (isinstance(a, torch.Tensor) and a.is_floating_point() and a.dim() >= 1):
            continue
        a = a.detach().double()
        shapes = [a] + ([a.unsqueeze(1)] if a.dim() == have.dim() - 1 else [])
        for candidate in shapes:
            try:
                spread = candidate.expand_as(diff)
            except RuntimeError:
                continue
            for sign, word in ((1, "plus"), (-1, "minus")):
                if torch.allclose(diff[wrong], sign * spread[wrong], rtol=1e-5, atol=1e-6):
                    where = ""
                    if have.dim() >= 2:
                        rows = sorted({int(i) for i in torch.nonzero(wrong.any(dim=-1).any(dim=0)).flatten()})
                        where = f" at index {', '.join(map(str, rows[:6]))} of axis 1{_axis_label(axes, 1)}"
                    param = params[index] if index < len(params) else f"argument {index}"
                    return (
                        f"your {name} is the reference's {word} `{param}`{where}: `{param}` was added to those "
                        "entries (a broadcast `+`, or a term too many) where the reference keeps it apart (as a row "
                        "of its own, joined with `torch.cat`) or leaves it out",
                        "argument-added",
                    )
    return None


def entries_missing(name: str, have: Any, want: Any, axes: str | None = None) -> tuple[str, str] | None:
    """When ``have`` differs from ``want`` in the length of one axis only: which of the expected entries along
    that axis it holds, so the missing or extra ones can be named (an entry written over, dropped or added)."""
    if not (isinstance(have, torch.Tensor) and isinstance(want, torch.Tensor)) or have.dim() != want.dim():
        return None
    if not have.is_floating_point() or have.dim() < 2:
        return None
    wrong = [a for a in range(have.dim()) if have.shape[a] != want.shape[a]]
    if len(wrong) != 1:
        return None
    axis = wrong[0]
    h, w = have.detach().double().movedim(axis, 0), want.detach().double().movedim(axis, 0)
    found = []
    for entry in h:
        same = [j for j in range(w.shape[0]) if torch.allclose(entry, w[j], rtol=1e-5, atol=1e-6)]
        found.append(same[0] if len(same) == 1 else None)
    known = [j for j in found if j is not None]
    if len(known) < max(1, len(found) - 1):
        return None  # mostly other values: not a question of which entries
    what = f"axis {axis}{_axis_label(axes, axis)}"
    missing = [j for j in range(w.shape[0]) if j not in known]
    extra = [k for k, j in enumerate(found) if j is None]
    shown = ", ".join("?" if j is None else str(j) for j in found)
    text = f"along {what}, your {name} holds the expected entries [{shown}] (of 0..{w.shape[0] - 1})"
    if missing and not extra and len(found) < w.shape[0]:
        text += (
            f": expected entr{'y' if len(missing) == 1 else 'ies'} {', '.join(map(str, missing))} "
            f"{'is' if len(missing) == 1 else 'are'} missing: written over (an assignment such as "
            "`x[:, -1] = ...` replaces an entry, where `torch.cat` adds one) or cut by a slice or a loop range"
        )
    elif extra or len(found) > w.shape[0]:
        text += (
            f": entr{'y' if len(extra) == 1 else 'ies'} {', '.join(map(str, extra)) or '?'} of yours match none of "
            "the expected ones: an entry added that should not be there (or a repeated one)"
        )
    else:
        return None
    return text, "entries-missing"


def time_shift(name: str, have: Any, want: Any, axes: str | None = None) -> tuple[str, str] | None:
    """``have`` is ``want`` moved one step along its time axis (``T`` in ``axes``): outputs one step late/early."""
    labels = [a.strip() for a in axes.split(",")] if axes else []
    if "T" not in labels or not (isinstance(have, torch.Tensor) and isinstance(want, torch.Tensor)):
        return None
    axis = labels.index("T")
    if have.shape != want.shape or axis >= have.dim() or have.shape[axis] < 2 or not have.is_floating_point():
        return None
    n = have.shape[axis]
    h, w = have.detach().double(), want.detach().double()
    close = lambda a, b: torch.allclose(a, b, rtol=1e-5, atol=1e-6)  # noqa: E731
    if close(h.narrow(axis, 1, n - 1), w.narrow(axis, 0, n - 1)):
        return (
            f"{name} at step t is the reference's at step t - 1 (one step late; your step 0 is something else): the "
            "output of a step is recorded before that step runs. Run the step first, then record the output it "
            "returns",
            "time-shift",
        )
    if close(h.narrow(axis, 0, n - 1), w.narrow(axis, 1, n - 1)):
        return (
            f"{name} at step t is the reference's at step t + 1 (one step early): the loop reads the next step's "
            "input, or starts one step late",
            "time-shift",
        )
    return None


def random_result(learner: Callable, make: Callable[[], tuple], kwargs: dict, count: int) -> tuple[str, str] | None:
    """Run the learner's function twice on the same arguments: the reference gives the same result twice."""
    try:
        one = learner(*make(), **kwargs)
        two = learner(*make(), **kwargs)
    except Exception:  # noqa: BLE001 - the probe only looks for randomness
        return None
    if _same_results(one, two, count):
        return None
    return (
        "your function gives a different result each time it runs on the same inputs: something in it is random. "
        "Dropout (`F.dropout(x, p)` drops at random unless `training=False`; `nn.Dropout` in training mode), "
        "`torch.rand*` or a layer built inside the function? Nothing in this exercise is random: remove it",
        "random-result",
    )


def scale_invariance(
    learner: Callable,
    reference: Callable,
    make: Callable[[], tuple],
    kwargs: dict,
    count: int,
    params: Sequence[str],
) -> tuple[str, str] | None:
    """An argument whose scale the learner's result ignores, though the reference's depends on it: the
    vectors were normalised (a cosine similarity, a norm division) somewhere."""
    try:
        base_mine, base_ref = learner(*make(), **kwargs), reference(*make(), **kwargs)
    except Exception:  # noqa: BLE001 - the probe only looks for ignored scales
        return None
    for index, value in enumerate(make()):
        if not isinstance(value, torch.Tensor) or not value.is_floating_point():
            continue

        def scaled(index=index):
            args = list(make())
            args[index] = args[index] * 3.0
            return tuple(args)

        try:
            mine, ref = learner(*scaled(), **kwargs), reference(*scaled(), **kwargs)
        except Exception:  # noqa: BLE001
            continue
        if _same_results(mine, base_mine, count) and not _same_results(ref, base_ref, count):
            name = params[index] if index < len(params) else f"argument {index}"
            return (
                f"your result does not change when `{name}` is multiplied by 3, but the reference's does: your code "
                f"normalises `{name}` somewhere (`F.normalize`, a division by its norm: a cosine similarity) or keeps "
                "only its direction. Use the vectors as they are (the scaled dot product divides by sqrt(d_k), "
                "a constant, not by the vectors' lengths)",
                "scale-invariant",
            )
    return None


def _first_tensors(value: Any, count: int) -> list[torch.Tensor]:
    values = value if isinstance(value, (tuple, list)) else (value,)
    return [v for v in list(values)[:count] if isinstance(v, torch.Tensor)]


def _same_results(one: Any, two: Any, count: int) -> bool:
    a, b = _first_tensors(one, count), _first_tensors(two, count)
    return len(a) == len(b) and all(
        x.shape == y.shape and bool(torch.isclose(x.double(), y.double(), rtol=1e-6, atol=1e-8).all())
        for x, y in zip(a, b)
    )


def argument_use(
    learner: Callable,
    reference: Callable,
    make: Callable[[], tuple],
    kwargs: dict,
    got: Any,
    expected: Any,
    names: Sequence[str],
    params: Sequence[str],
) -> tuple[str, str] | None:
    """Which argument the learner's result ignores, or which two same-shaped arguments it uses in each
    other's place: (1) swap each pair of floating tensor arguments of the same shape and see whether the
    learner's function then gives the reference's result; (2) change each floating tensor argument and
    see whether the reference's result changes while the learner's does not."""
    count = len(names)
    args = make()
    floats = [i for i, a in enumerate(args) if isinstance(a, torch.Tensor) and a.is_floating_point() and a.numel()]
    for x in range(len(floats)):
        for y in range(x + 1, len(floats)):
            i, j = floats[x], floats[y]
            if args[i].shape != args[j].shape:
                continue
            swapped = list(make())
            swapped[i], swapped[j] = swapped[j], swapped[i]
            try:
                again = learner(*swapped, **kwargs)
            except Exception:  # noqa: BLE001 - a probe only looks
                continue
            if _same_results(again, expected, count):
                return (
                    f"your function gives the right result when `{params[i]}` and `{params[j]}` are "
                    "passed in each other's place: your code uses one where the other belongs (check which "
                    "argument goes where in the equations)",
                    "arguments-swapped",
                )
    for i in floats:
        changed = list(make())
        noise = torch.randn(changed[i].shape, generator=torch.Generator().manual_seed(97), dtype=torch.float64)
        moved = changed[i] + 0.5 * noise.to(changed[i].dtype)
        changed[i] = moved.clamp(1e-3, 1 - 1e-3) if _in_unit_interval(changed[i]) else moved  # gates stay gates
        try:
            reference_again = reference(*changed, **kwargs)
            learner_again = learner(*changed, **kwargs)
        except Exception:  # noqa: BLE001
            continue
        if not _same_results(reference_again, expected, count) and _same_results(learner_again, got, count):
            return (
                f"your result does not change when `{params[i]}` changes, though the right result depends "
                f"on it: your code does not use `{params[i]}` (or cancels its effect)",
                "argument-ignored",
            )
        if count > 1:  # one result of several that ignores the argument
            mine_before, mine_after = _first_tensors(got, count), _first_tensors(learner_again, count)
            want_before, want_after = _first_tensors(expected, count), _first_tensors(reference_again, count)
            if not len(mine_before) == len(mine_after) == len(want_before) == len(want_after) == count:
                continue
            for k in range(count):
                if not _same_results(want_after[k], want_before[k], 1) and _same_results(
                    mine_after[k], mine_before[k], 1
                ):
                    return (
                        f"your {names[k]} does not change when `{params[i]}` changes, though the right one depends "
                        f"on it: `{params[i]}` is missing from how you compute {names[k]} (every term of its "
                        "formula, not a share of the inputs per result)",
                        "argument-ignored",
                    )
    return None


def _in_unit_interval(t: torch.Tensor) -> bool:
    """Gates and probabilities stay in (0, 1) when changed."""
    return bool(((t > 0) & (t < 1)).all())


CAUSES.update(
    {
        "step-input": "a step of the computation gets another tensor than in the reference (named in the message)",
        "step-missing": "a step of the computation (a layer the reference uses) is left out",
        "step-extra": "a layer is used that this computation does not use",
    }
)


def leaf_layers(modules: Sequence[tuple[str, nn.Module]]) -> list[tuple[str, nn.Module]]:
    """(name, layer) of every layer without children of ``modules``, in a fixed order: ``core.blocks.0.mlp_norm``."""
    found = []
    for root_name, root in modules:
        for name, layer in root.named_modules():
            if not any(True for _ in layer.children()):
                found.append((f"{root_name}.{name}" if name else root_name, layer))
    return found


@grader_hook
def leaf_calls(modules: Sequence[tuple[str, nn.Module]], call: Callable[[], Any]) -> list[tuple[str, list, list]]:
    """Every call of a leaf layer (no children) of ``modules`` while ``call()`` runs, in order:
    (its name, e.g. ``blocks.0.mlp_norm``, its tensor inputs, its tensor outputs), detached copies."""
    calls: list[tuple[str, list, list]] = []
    handles = []

    def tensors(value: Any) -> list[torch.Tensor]:
        values = value if isinstance(value, (tuple, list)) else (value,)
        return [v.detach().clone() for v in values if isinstance(v, torch.Tensor)]

    for label, layer in leaf_layers(modules):

        def hook(layer, args, output, label=label):
            calls.append((label, tensors(args), tensors(output)))

        handles.append(layer.register_forward_hook(hook))
    try:
        call()
    finally:
        for handle in handles:
            handle.remove()
    return calls


def _recorded_calls(
    learner: Callable, reference: Callable, make: Callable[[], tuple], kwargs: dict, params: Sequence[str]
) -> tuple[tuple, list, list] | None:
    """The leaf-layer calls of the reference's run and of the learner's (each on fresh arguments), with the
    learner's arguments; None when no argument holds layers or the learner's run fails."""
    args = make()
    modules = [(params[i] if i < len(params) else f"arg{i}", a) for i, a in enumerate(args) if isinstance(a, nn.Module)]
    if not modules:
        return None
    with torch.no_grad():
        want = leaf_calls(modules, lambda: reference(*args, **kwargs))
    args = make()
    modules = [(params[i] if i < len(params) else f"arg{i}", a) for i, a in enumerate(args) if isinstance(a, nn.Module)]
    try:
        have = leaf_calls(modules, lambda: learner(*args, **kwargs))
    except Exception:  # noqa: BLE001 - a probe only looks
        return None
    return args, want, have


def call_counts(
    learner: Callable, reference: Callable, make: Callable[[], tuple], kwargs: dict, params: Sequence[str]
) -> tuple[str, str] | None:
    """A layer the learner's code calls another number of times than the reference's does (a line inside
    or outside a loop by its indentation), counted with forward hooks on the layers the arguments hold."""
    recorded = _recorded_calls(learner, reference, make, kwargs, params)
    if recorded is None:
        return None
    args, want, have = recorded
    want_counts = collections.Counter(c[0] for c in want)
    have_counts = collections.Counter(c[0] for c in have)
    for extra, count in have_counts.items():
        if count <= want_counts.get(extra, 0):
            continue
        for missing, wanted in want_counts.items():
            if have_counts.get(missing, 0) or missing.count(".") != extra.count("."):
                continue
            a, b = extra.split("."), missing.split(".")
            differ = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
            if len(differ) == 1 and a[differ[0]].isdigit() and b[differ[0]].isdigit():
                i = differ[0]
                owner, used, unused = ".".join(a[:i]), ".".join(a[: i + 1]), ".".join(b[: i + 1])
                return (
                    f"your code uses `{used}` {count} times and never `{unused}`: every pass of the loop takes the "
                    f"same element of `{owner}`. Take each one in turn, `for block in {owner}:` (or index it with "
                    "the loop variable)",
                    "step-count",
                )
    if not any(have_counts.get(name, 0) == count for name, count in want_counts.items()):
        return None  # every layer called another number of times: the loop itself (step_localisation says how)
    for name, count in want_counts.items():
        mine = have_counts.get(name, 0)
        if 0 < mine != count:
            where = (
                "a call left out, or a line after a loop that belongs inside it (look at its indentation: a line "
                "after the loop runs once)"
                if mine < count
                else "a call too many (the layer applied twice?), or a line inside a loop that belongs before or "
                "after it"
            )
            return (
                f"your code calls `{name}` (a {_layer_kind(args, name)}) {mine} time{'s' if mine != 1 else ''} where "
                f"the reference calls it {count} time{'s' if count != 1 else ''}: {where}",
                "step-count",
            )
    return None


def step_localisation(
    learner: Callable, reference: Callable, make: Callable[[], tuple], kwargs: dict, params: Sequence[str]
) -> tuple[str, str] | None:
    """Where the learner's computation leaves the reference's: the first layer (in the reference's
    order) that the learner's code calls with another input, or never calls, and what that input is
    (another recorded tensor; the right sum with one term swapped for another)."""
    recorded = _recorded_calls(learner, reference, make, kwargs, params)
    if recorded is None:
        return None
    args, want, have = recorded
    same = lambda a, b: a.shape == b.shape and bool(torch.allclose(a.double(), b.double(), 1e-5, 1e-6))  # noqa: E731
    seen: dict[str, int] = {}
    # outputs first: "the output of attention_norm" says more than "the input of mlp.0", the same tensor
    recorded = [(f"the output of `{n}`", y) for n, _, outs in want for y in outs] + [
        (f"the input of `{n}`", x) for n, ins, _ in want for x in ins
    ]
    for name, inputs, _ in want:
        index = seen.get(name, 0)
        seen[name] = index + 1
        theirs = [c for c in have if c[0] == name]
        if index >= len(theirs):
            return (
                f"your code never calls `{name}` (a {_layer_kind(args, name)}) where the reference does"
                + (f" (call {index + 1} of it)" if index else "")
                + ": a step is left out (or done by hand: then compare your version with what that layer computes)",
                "step-missing",
            )
        given = theirs[index][1]
        if len(given) != len(inputs) or all(same(g, r) for g, r in zip(given, inputs)):
            continue
        g, r = given[0], inputs[0]
        text = f"your code gives `{name}` (a {_layer_kind(args, name)}) another input than the reference does"
        calls_of_it = [c[1][0] for c in want if c[0] == name and c[1]]
        for other, tensor in enumerate(calls_of_it):
            if other != index and same(g, tensor):
                return (
                    f"your code's call {index + 1} of `{name}` gets what the reference's call {other + 1} of it "
                    "gets: the calls are shifted (a loop over the steps that starts late, skips or repeats one)",
                    "step-input",
                )
        for label, tensor in recorded:
            if g.shape != r.shape:
                break  # a difference of tensors needs one shape
            if tensor.shape == g.shape and same(g - r, tensor):
                return f"{text}: it has {label} added where the reference has not (a term too many)", "step-input"
            if tensor.shape == g.shape and same(r - g, tensor):
                return (
                    f"{text}: it lacks {label}, a term of the reference's sum (a residual connection left out?)",
                    "step-input",
                )
        for label, tensor in recorded:
            if same(g, tensor) and not same(r, tensor):
                return f"{text}: it gets {label} (of the reference's run) instead", "step-input"
        if g.shape == r.shape:
            for label_a, a in recorded:
                for label_b, b in recorded:
                    if a.shape == g.shape and b.shape == g.shape and not same(a, b) and same(g - r, a - b):
                        return (
                            f"{text}: it is the right sum with {label_a} where {label_b} belongs "
                            "(a residual or a term taken from the wrong tensor)",
                            "step-input",
                        )
        return f"{text}: the computation before it is where your code goes wrong", "step-input"
    extra = sorted({c[0] for c in have} - {c[0] for c in want})
    if extra:
        return f"your code calls `{extra[0]}`, which this computation does not use", "step-extra"
    return None


def _layer_kind(args: tuple, name: str) -> str:
    """The class of the layer called ``name`` (``blocks.0.mlp_norm`` -> ``LayerNorm``)."""
    root, _, path = name.partition(".")
    for value in args:
        if isinstance(value, nn.Module):
            try:
                return type(value.get_submodule(path) if path else value).__name__
            except AttributeError:
                continue
    return "layer"
