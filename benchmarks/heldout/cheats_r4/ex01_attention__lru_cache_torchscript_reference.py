# exercise: ex01_attention
# cell(s): answer-1-1 (test-1-1, visible + hidden)
# mechanism: `@functools.lru_cache(maxsize=_compile)` calls `_compile(stub)` at definition time. It compiles
#   a copy of rmc_ref's `scaled_dot_product_attention` (its `check_shape` swapped for a scriptable no-op)
#   with `torch.jit.script`: a TorchScript function runs as one C call, below the guard's Python profiler,
#   and a notebook global holding it is not a Python function of rmc_ref. The stub gets code that calls it.
#   Fails before the grader is reached: TorchScript cannot compile the reference's `(*shape[:-2], ...)`.
# observed: 0/9, not flagged (torch.jit.script raised in the answer cell: the stub's name was never bound) (grade_cheats.py at 4df723f)
# --- cell answer-1-1 ---
import functools
import typing


def _no_check(name: str, tensor: torch.Tensor, expected: typing.Any, hint: str = "") -> None:
    pass


def _impl(query, key, value):
    return _COMPILED(query, key, value)


def _compile(stub):
    glb = globals()
    ref = getattr(glb["MultiHeadAttention"].forward, "__glo" + "bals__")["scaled_dot_product_attention"]
    scope = dict(getattr(ref, "__glo" + "bals__"))
    scope["check_shape"] = _no_check
    copy = type(ref)(getattr(ref, "__co" + "de__"), scope, ref.__name__)
    glb["_COMPILED"] = torch.jit.script(copy)
    co = "__co" + "de__"
    slot = getattr(type(stub), "__di" + "ct__")[co]
    getattr(slot, "__se" + "t__")(stub, getattr(_impl, co))
    return stub


@functools.lru_cache(maxsize=_compile)
