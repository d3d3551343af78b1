"""Anti-cheat: a learner function that delegates to rmc_ref or rmc_course, however it reaches it,
scores 0 with a message; so does a notebook that changes rmc_ref, the checks or torch at run time. The learner's
code is compiled here the way a notebook cell is (its own file name, module globals)."""

from __future__ import annotations

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
