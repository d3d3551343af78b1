"""Anti-cheat: a learner function that delegates to rmc_ref or rmc_course, however it reaches it,
scores 0 with a message; so does a notebook that changes rmc_ref, the checks or torch at run time. The learner's
code is compiled here the way a notebook cell is (its own file name, module globals)."""

from __future__ import annotations

import functools
import math

import pytest
import torch

import rmc_ref
import rmc_ref.attention
from rmc_course import guard
from rmc_course.exercises import ex01_attention as checks
from rmc_course.exercises import ex04_core

REFERENCE_SDPA = rmc_ref.attention.scaled_dot_product_attention  # saved at import, before a test replaces it

CORRECT_SDPA = """
def scaled_dot_product_attention(query, key, value):
    weights = torch.softmax(query @ key.transpose(-1, -2) / math.sqrt(query.shape[-1]), dim=-1)
    return weights @ value, weights
"""


def notebook_function(source: str, name: str = "scaled_dot_product_attention"):
    namespace = {"__name__": "__main__", "torch": torch, "math": math, "checks": checks}
    exec(compile(source, "<notebook cell>", "exec"), namespace)
    return namespace[name]


def test_an_honest_function_passes():
    checks.check_scaled_dot_product_attention(notebook_function(CORRECT_SDPA))


DELEGATIONS = {
    "import-inside": """
def scaled_dot_product_attention(query, key, value):
    from rmc_ref.attention import scaled_dot_product_attention as reference
    return reference(query, key, value)
""",
    "global-alias": """
from rmc_ref import scaled_dot_product_attention as sdpa
def scaled_dot_product_attention(query, key, value):
    return sdpa(query, key, value)
""",
    "module-alias": """
import rmc_ref.attention as attn
def scaled_dot_product_attention(query, key, value):
    return attn.scaled_dot_product_attention(query, key, value)
""",
    "through-checks": """
def scaled_dot_product_attention(query, key, value):
    return checks.attention.scaled_dot_product_attention(query, key, value)
""",
    "importlib": """
import importlib
def scaled_dot_product_attention(query, key, value):
    module = importlib.import_module("rmc" + "_ref.attention")
    return module.scaled_dot_product_attention(query, key, value)
""",
    "sys-modules": """
import sys
def scaled_dot_product_attention(query, key, value):
    return sys.modules["rmc" + "_ref.attention"].scaled_dot_product_attention(query, key, value)
""",
    "dunder-import-getattr": """
def scaled_dot_product_attention(query, key, value):
    module = __import__("rmc" + "_ref", fromlist=["attention"])
    return getattr(module.attention, "scaled_dot_product_attention")(query, key, value)
""",
    "hidden-in-helper": """
from rmc_ref.attention import scaled_dot_product_attention as _ref
def _helper(q, k, v):
    return _ref(q, k, v)
def scaled_dot_product_attention(query, key, value):
    return _helper(query, key, value)
""",
    "closure": """
def _make():
    import rmc_ref.attention as module
    reference = module.scaled_dot_product_attention
    def scaled_dot_product_attention(query, key, value):
        return reference(query, key, value)
    return scaled_dot_product_attention
scaled_dot_product_attention = _make()
""",
    "reached-at-run-time-only": """
def scaled_dot_product_attention(query, key, value):
    # nothing rmc_ref-like is visible in the code: getattr on strings built at run time
    interpreter = getattr(torch, "s" + "ys")
    module = getattr(interpreter, "mod" + "ules")["rmc" + "_ref.attention"]
    return getattr(module, "scaled_dot" + "_product_attention")(query, key, value)
""",
    "exec-of-the-source": """
import inspect
def scaled_dot_product_attention(query, key, value):
    namespace = {}
    exec(inspect.getsource(checks.attention), namespace)
    return namespace["scaled_dot_product_attention"](query, key, value)
""",
    "course-function": """
from rmc_course.guard import describe
def scaled_dot_product_attention(query, key, value):
    describe(query)
    weights = torch.softmax(query @ key.transpose(-1, -2) / math.sqrt(query.shape[-1]), dim=-1)
    return weights @ value, weights
""",
    "course-reached-at-run-time-only": """
def scaled_dot_product_attention(query, key, value):
    interpreter = getattr(torch, "s" + "ys")
    harness = getattr(interpreter, "mod" + "ules")["rmc" + "_course.exercises.harness"]
    weights = torch.softmax(query @ key.transpose(-1, -2) / math.sqrt(query.shape[-1]), dim=-1)
    return getattr(harness, "_as_tuple")((weights @ value, weights), 2)
""",
    "tracer-switched-off": """
def scaled_dot_product_attention(query, key, value):
    getattr(getattr(torch, "s" + "ys"), "set" + "profile")(None)
    weights = torch.softmax(query @ key.transpose(-1, -2) / math.sqrt(query.shape[-1]), dim=-1)
    return weights @ value, weights
""",
}


@pytest.mark.parametrize("name", sorted(DELEGATIONS))
def test_delegation_scores_zero_with_a_message(name):
    function = notebook_function(DELEGATIONS[name])
    with pytest.raises(checks.CheckFailed, match="scores 0"):
        checks.check_scaled_dot_product_attention(function)


def test_the_reference_itself_under_the_exercise_name_scores_zero():
    with pytest.raises(checks.CheckFailed, match="reference function under another name"):
        checks.check_scaled_dot_product_attention(rmc_ref.attention.scaled_dot_product_attention)


def test_calling_the_module_passed_in_scores_zero():
    source = """
def multi_head_attention(attention, rows):
    return attention(rows)
"""
    with pytest.raises(checks.CheckFailed, match=r"MultiHeadAttention\.forward.*scores 0"):
        checks.check_multi_head_attention(notebook_function(source, "multi_head_attention"))


@pytest.fixture
def restore_after_tampering():
    saved_sdpa = rmc_ref.attention.scaled_dot_product_attention
    saved_softmax = torch.softmax
    yield
    rmc_ref.attention.scaled_dot_product_attention = saved_sdpa
    torch.softmax = saved_softmax
    guard._TAMPERED.clear()  # internal on purpose: the verdict sticks for a kernel's life, no public reset
    guard.assert_untouched()


def test_replacing_the_reference_at_run_time_fails_every_later_check(restore_after_tampering):
    honest = notebook_function(CORRECT_SDPA)
    rmc_ref.attention.scaled_dot_product_attention = honest
    with pytest.raises(checks.CheckFailed, match="changed the course's reference code"):
        checks.check_scaled_dot_product_attention(honest)
    rmc_ref.attention.scaled_dot_product_attention = REFERENCE_SDPA  # the very function the checks hold
    with pytest.raises(checks.CheckFailed, match="rmc_ref.attention.scaled_dot_product_attention"):
        checks.check_scaled_dot_product_attention(honest)  # the verdict sticks


def test_patching_torch_fails_the_check(restore_after_tampering):
    torch.softmax = lambda scores, dim: scores
    with pytest.raises(checks.CheckFailed, match="torch.softmax"):
        checks.check_scaled_dot_product_attention(notebook_function(CORRECT_SDPA))


def test_the_checks_module_is_read_only_and_remembers_attempts(restore_after_tampering):
    with pytest.raises(AttributeError, match="read-only"):
        checks.check_scaled_dot_product_attention = lambda fn, hidden=False: None
    with pytest.raises(AttributeError, match="read-only"):
        del checks.MISCONCEPTIONS
    with pytest.raises(
        checks.CheckFailed, match="rmc_course.exercises.ex01_attention.check_scaled_dot_product_attention"
    ):
        checks.check_scaled_dot_product_attention(notebook_function(CORRECT_SDPA))


def test_a_patch_inside_the_learner_function_is_caught(restore_after_tampering):
    source = """
def scaled_dot_product_attention(query, key, value):
    torch.softmax = lambda scores, dim: scores
    weights = scores = query @ key.transpose(-1, -2)
    return weights @ value, weights
"""
    with pytest.raises(checks.CheckFailed, match="torch.softmax"):
        checks.check_scaled_dot_product_attention(notebook_function(source))


def test_stub_reports_not_written_yet():
    source = """
def scaled_dot_product_attention(query, key, value):
    raise NotImplementedError("Exercise 1.1: write scaled_dot_product_attention")
"""
    with pytest.raises(checks.CheckFailed, match=r"not written yet \(Exercise 1\.1: write"):
        checks.check_scaled_dot_product_attention(notebook_function(source))


def test_torch_rebinding_its_own_functions_is_not_tampering():
    """Importing torch._dynamo wraps torch.manual_seed (torch's own functools.wraps wrapper)."""
    import torch._dynamo  # noqa: F401

    checks.check_scaled_dot_product_attention(notebook_function(CORRECT_SDPA))


def test_unroll_that_calls_the_cores_own_unroll_scores_zero():
    source = """
def unroll(core, inputs, state=None):
    return core.unroll(inputs, state)
"""
    with pytest.raises(checks.CheckFailed, match=r"RelationalMemory\.unroll.*scores 0"):
        ex04_core.check_unroll(notebook_function(source, "unroll"))


def test_rmc_step_that_calls_the_core_scores_zero():
    source = """
def rmc_step(core, inputs, state):
    return core(inputs, state)
"""
    with pytest.raises(checks.CheckFailed, match="scores 0"):
        ex04_core.check_rmc_step(notebook_function(source, "rmc_step"))


# -- what a graded function does while it runs (guard._Watch) and what it returns --------------------


def test_rebinding_the_notebooks_checks_name_is_put_back_and_scores_zero(restore_after_tampering):
    source = """
def scaled_dot_product_attention(query, key, value):
    global checks
    checks = None
    weights = torch.softmax(query @ key.transpose(-1, -2) / math.sqrt(query.shape[-1]), dim=-1)
    return weights @ value, weights
"""
    fn = notebook_function(source)
    with pytest.raises(guard.IntegrityError, match="the notebook's name `checks`"):
        checks.check_scaled_dot_product_attention(fn)
    assert fn.__globals__["checks"] is checks  # put back, so the error could be reported


@pytest.mark.parametrize(
    "body, message",
    [
        ("    import sys\n    sys.settrace(None)\n", "imports `sys`"),
        ("    import threading\n", "imports `threading`"),
        ("    get_ipython()\n", "get_ipython"),
        ("    getattr(torch, 'sy' + 's')\n", "getattr"),
        ("    torch.os.system('true')\n", r"\.os"),
        ("    (query).__class__\n", "__class__"),
        ("    torch.nn.modules.module.register_module_forward_hook(print)\n", r"\.modules"),
    ],
)
def test_a_graded_function_that_reaches_for_the_interpreter_scores_zero(body, message):
    source = (
        "def scaled_dot_product_attention(query, key, value):\n"
        + body
        + "    weights = torch.softmax(query @ key.transpose(-1, -2) / math.sqrt(query.shape[-1]), dim=-1)\n"
        "    return weights @ value, weights\n"
    )
    with pytest.raises(guard.IntegrityError, match=message):
        checks.check_scaled_dot_product_attention(notebook_function(source))


def test_what_passes_the_static_rules_is_caught_when_it_runs(restore_after_tampering):
    source = """
def scaled_dot_product_attention(query, key, value):
    from torch.nn.modules.module import register_module_forward_hook

    register_module_forward_hook(lambda module, args, out: out)
    weights = torch.softmax(query @ key.transpose(-1, -2) / math.sqrt(query.shape[-1]), dim=-1)
    return weights @ value, weights
"""
    with pytest.raises(guard.IntegrityError, match="global nn.Module hook"):
        checks.check_scaled_dot_product_attention(notebook_function(source))
    import torch.nn.modules.module as module_hooks

    assert not module_hooks._global_forward_hooks  # taken out again


def test_a_tensor_subclass_result_scores_zero():
    source = """
class Agreeable(torch.Tensor):
    pass


def scaled_dot_product_attention(query, key, value):
    weights = torch.softmax(query @ key.transpose(-1, -2) / math.sqrt(query.shape[-1]), dim=-1)
    return (weights @ value).as_subclass(Agreeable), weights
"""
    with pytest.raises(guard.IntegrityError, match="Agreeable.*(not a subclass|subclass of torch.Tensor)"):
        checks.check_scaled_dot_product_attention(notebook_function(source))


def test_a_not_implemented_subclass_is_not_the_stub():
    source = """
class Later(NotImplementedError):
    pass


def scaled_dot_product_attention(query, key, value):
    raise Later("soon")
"""
    with pytest.raises(guard.IntegrityError, match="subclass of NotImplementedError"):
        checks.check_scaled_dot_product_attention(notebook_function(source))


def test_the_result_is_a_copy_and_an_expand_stays_an_expand():
    exercise = guard.Exercise("9.9", "f", "none")
    out = torch.zeros(1, 3).expand(4, 3)
    copy = guard._check_result(exercise, (out, 1.5))
    assert copy[0] is not out and copy[0].stride(0) == 0 and copy[1] == 1.5
    torch.testing.assert_close(copy[0], out)


def _undo_after(change):
    namespace = {"checks": checks, "torch": torch}
    watch = guard._Watch(namespace)
    change(namespace)
    return watch.undo(), namespace


def test_the_watch_names_and_undoes_each_mechanism():
    import sys
    import threading
    import types

    import torch.nn.modules.module as module_hooks
    from torch.overrides import TorchFunctionMode

    changed, _ = _undo_after(lambda ns: sys.settrace(lambda *a: None))
    assert changed == ["sys.settrace (a tracing hook)"] and sys.gettrace() is None

    changed, _ = _undo_after(lambda ns: sys.modules.__setitem__("bdb", types.ModuleType("bdb")))
    assert changed == ["sys.modules['bdb']"] and getattr(sys.modules.get("bdb"), "__file__", "file")

    changed, _ = _undo_after(lambda ns: setattr(__import__("builtins"), "hasattr", lambda *a: True))
    assert changed == ["builtins.hasattr"] and hasattr(__import__("builtins"), "zip") and not hasattr(1, "nothing")

    changed, _ = _undo_after(lambda ns: TorchFunctionMode().__enter__())
    assert changed == ["a torch function or dispatch mode (intercepts torch's functions)"]
    assert torch._C._len_torch_function_stack() == 0

    changed, _ = _undo_after(lambda ns: module_hooks.register_module_forward_hook(lambda *a: None))
    assert changed == ["a global nn.Module hook (_global_forward_hooks)"] and not module_hooks._global_forward_hooks

    changed, _ = _undo_after(lambda ns: setattr(guard.CheckFailed, "__str__", lambda self: ""))
    assert changed == ["class CheckFailed.__str__"] and "__str__" not in vars(guard.CheckFailed)

    changed, ns = _undo_after(lambda ns: ns.__setitem__("torch", None))
    assert changed == ["the notebook's name `torch`"] and ns["torch"] is torch

    stop = threading.Event()
    try:
        changed, _ = _undo_after(lambda ns: threading.Thread(target=stop.wait, daemon=True).start())
        assert changed == ["a thread it started, still running"]
    finally:
        stop.set()

    changed, _ = _undo_after(lambda ns: (torch.set_default_dtype(torch.float64), torch.set_grad_enabled(False)))
    assert changed == [] and torch.get_default_dtype() == torch.float32 and torch.is_grad_enabled()


# The run-time audit is a second layer under the static rules: here each payload hides behind a
# functools.partial (the static rules read functions, not partial objects), so it reaches the
# audit hook as it would through any route the static rules do not know. Each one is refused
# while the learner's function runs, in any thread.
_RUNTIME_PAYLOADS = {
    "frame-read": (
        """
def scaled_dot_product_attention(query, key, value):
    try:
        raise ValueError
    except ValueError as error:
        frame = error.__traceback__.tb_frame
    while frame is not None and "expected" not in frame.f_locals:
        frame = frame.f_back
    return query, query
""",
        r"stack frames.*tb_frame",
    ),
    "getframe": (
        """
import sys
def scaled_dot_product_attention(query, key, value):
    sys._getframe(1)
    return query, query
""",
        r"sys\._getframe",
    ),
    "profiler-pause": (
        """
import sys
def scaled_dot_product_attention(query, key, value):
    hook = sys.getprofile()
    sys.setprofile(None)
    try:
        return REFERENCE(query, key, value)
    finally:
        sys.setprofile(hook)
""",
        r"sys\.setprofile",
    ),
    "code-replace": (
        """
import types
def scaled_dot_product_attention(query, key, value):
    code = REFERENCE.__code__.replace(co_filename="<mine>")
    return types.FunctionType(code, dict(REFERENCE.__globals__))(query, key, value)
""",
        r"interpreter's internals|code objects",
    ),
    "fork": (
        """
import os
def scaled_dot_product_attention(query, key, value):
    if os.fork() == 0:
        os._exit(0)
    return query, query
""",
        r"os\.fork",
    ),
    "open-a-file": (
        """
def scaled_dot_product_attention(query, key, value):
    open(__file__ if "__file__" in globals() else "/dev/null").close()
    return query, query
""",
        r"opened a file",
    ),
    "raw-thread": (
        """
import _thread, sys
def scaled_dot_product_attention(query, key, value):
    box, lock = [], _thread.allocate_lock()
    lock.acquire()
    def work():
        try:
            box.append(sys._getframe(0))
        except BaseException as error:
            box.append(error)
        finally:
            lock.release()
    _thread.start_new_thread(work, ())
    lock.acquire()
    return query, query
""",
        r"sys\._getframe",
    ),
    "caught-and-ignored": (
        """
import gc
def scaled_dot_product_attention(query, key, value):
    try:
        gc.get_objects()
    except Exception:
        pass
    weights = torch.softmax(query @ key.transpose(-1, -2) / math.sqrt(query.shape[-1]), dim=-1)
    return weights @ value, weights
""",
        r"searched the interpreter's objects",
    ),
}


@pytest.mark.parametrize("name", sorted(_RUNTIME_PAYLOADS))
def test_the_run_time_audit_refuses_what_the_static_rules_miss(name):
    source, message = _RUNTIME_PAYLOADS[name]
    hidden = notebook_function(source)
    hidden.__globals__["REFERENCE"] = REFERENCE_SDPA
    function = notebook_function(
        "def scaled_dot_product_attention(query, key, value):\n    return HIDDEN(query, key, value)\n"
    )
    function.__globals__["HIDDEN"] = functools.partial(hidden)
    assert guard._static_delegation(function, "the wrapper") is None  # the static rules see nothing
    with pytest.raises(guard.IntegrityError, match=message):
        checks.check_scaled_dot_product_attention(function)
    checks.check_scaled_dot_product_attention(notebook_function(CORRECT_SDPA))  # the kernel is intact


def test_the_audit_is_off_outside_graded_calls():
    import gc
    import sys

    sys._getframe(0)
    gc.get_objects()  # not refused: no graded call is running


def test_a_result_carrying_attributes_scores_zero():
    source = """
def scaled_dot_product_attention(query, key, value):
    weights = torch.softmax(query @ key.transpose(-1, -2) / math.sqrt(query.shape[-1]), dim=-1)
    out = weights @ value
    out.later = object()
    return out, weights
"""
    with pytest.raises(guard.IntegrityError, match="carrying Python attributes"):
        checks.check_scaled_dot_product_attention(notebook_function(source))


def test_a_custom_autograd_function_scores_zero():
    source = """
class Relay(torch.autograd.Function):
    def forward(ctx, x):
        return x * 1

    def backward(ctx, grad):
        return grad


def scaled_dot_product_attention(query, key, value):
    weights = torch.softmax(query @ key.transpose(-1, -2) / math.sqrt(query.shape[-1]), dim=-1)
    return Relay.apply(weights @ value), weights
"""
    with pytest.raises(guard.IntegrityError, match="custom torch.autograd.Function"):
        checks.check_scaled_dot_product_attention(notebook_function(source))


def test_unroll_through_the_fast_path_scores_zero():
    source = """
from rmc_ref import fast

def unroll(core, inputs, state=None):
    state = core.initial_state(inputs.shape[0]) if state is None else state
    return fast.unroll(core, inputs, state)
"""
    monkey = notebook_function(source, "unroll")
    with pytest.raises(guard.IntegrityError, match="unroll"):
        ex04_core.check_unroll(monkey)


def test_a_global_optimizer_hook_is_caught_when_it_runs(restore_after_tampering):
    source = """
def scaled_dot_product_attention(query, key, value):
    from torch.optim.optimizer import register_optimizer_step_post_hook

    register_optimizer_step_post_hook(lambda optimizer, args, kwargs: None)
    weights = torch.softmax(query @ key.transpose(-1, -2) / math.sqrt(query.shape[-1]), dim=-1)
    return weights @ value, weights
"""
    with pytest.raises(guard.IntegrityError, match="global optimizer hook"):
        checks.check_scaled_dot_product_attention(notebook_function(source))
    import torch.optim.optimizer as optimizer_hooks

    assert not optimizer_hooks._global_optimizer_post_hooks  # taken out again


@pytest.mark.parametrize(
    "line",
    ["torch.library.Library('aten', 'IMPL')", "torch.optim.optimizer.register_optimizer_step_pre_hook(print)"],
)
def test_torchs_registries_below_python_are_refused_statically(line):
    source = (
        "def scaled_dot_product_attention(query, key, value):\n"
        f"    {line}\n"
        "    weights = torch.softmax(query @ key.transpose(-1, -2) / math.sqrt(query.shape[-1]), dim=-1)\n"
        "    return weights @ value, weights\n"
    )
    with pytest.raises(guard.IntegrityError):
        checks.check_scaled_dot_product_attention(notebook_function(source))
