"""The scoring run's filter (rmc_course.grading.definitions): what of a learner's cell runs when graded.

No kernels here: the class runs of tests/test_grading.py grade notebooks with it for real.
"""

from __future__ import annotations

import textwrap

import pytest

from rmc_course.grading.definitions import bound_names, definitions_only, imported_modules

SETUP = textwrap.dedent(
    """\
    import torch

    from rmc_course.exercises import ex03_gating as checks
    from rmc_ref.gating import Gates

    torch.manual_seed(0)
    """
)
PROTECTED = bound_names(SETUP)
MODULES = imported_modules(SETUP)


def kept(source: str) -> str:
    return definitions_only(textwrap.dedent(source), PROTECTED, MODULES).source


def skipped(source: str):
    return definitions_only(textwrap.dedent(source), PROTECTED, MODULES).skipped


def test_the_setup_cell_names_are_protected_and_its_modules_known():
    assert PROTECTED == {"torch", "checks", "Gates"}
    assert MODULES == {"torch": "torch", "Gates": "rmc_ref.gating.Gates"}


def test_an_honest_answer_cell_runs_whole_and_in_place():
    source = textwrap.dedent(
        '''\
        import math
        import torch.nn.functional as F

        EPS = 1e-6
        SCALE = 1 / math.sqrt(2)
        SIZES = (2, 3)


        @torch.no_grad()
        def helper(a, dim: int = -1, kind: str = "x") -> torch.Tensor:
            """doc"""
            return F.softmax(a, dim)


        class Block(torch.nn.Module):
            """A helper module."""

            def __init__(self):
                super().__init__()

            def forward(self, x):
                return x
        '''
    )
    filtered = definitions_only(source, PROTECTED, MODULES)
    assert filtered.skipped == ()
    assert filtered.source.splitlines() == source.rstrip().splitlines()
    assert filtered.note() == ""


def test_top_level_code_is_skipped_line_numbers_kept_and_said():
    source = "def f(x):\n    return x\n\n\nprint(f(2))\ny = f(3)\nfor i in range(3):\n    print(i)\n"
    filtered = definitions_only(source, PROTECTED, MODULES)
    lines = filtered.source.splitlines()
    assert lines[:2] == ["def f(x):", "    return x"]
    assert all(not line.strip() for line in lines[2:])
    assert [(s.line, s.end_line) for s in filtered.skipped] == [(5, 5), (6, 6), (7, 8)]
    assert [s.what for s in filtered.skipped] == ["a call of print", "an assignment computed by code", "a loop"]
    assert all(s.mechanism is None for s in filtered.skipped)  # harmless: skipped, not flagged
    assert "lines 7-8 (a loop)" in filtered.note() and filtered.note().startswith("[graded run]")


@pytest.mark.parametrize(
    "source, what",
    [
        ("checks = None\n", "an assignment to `checks`"),
        ("def checks():\n    pass\n", "a definition of `checks`"),
        ("import numpy as torch\n", "rebinds a name"),
        ("from rmc_ref import gating as Gates\n", "rebinds a name"),
        ("import sys\n", "an import of sys"),
        ("import IPython.core\n", "an import of IPython"),
        ("from . import x\n", "a relative import"),
        ("class NotImplementedError(BaseException):\n    pass\n", "shadows Python's builtin"),
        ("def hasattr(o, n):\n    return True\n", "shadows Python's builtin"),
        ("@my_decorator\ndef f(x):\n    return x\n", "a decorator"),
        ("def f(x, y=print('run')):\n    return x\n", "a default value that runs code"),
        ("def f(x: print('run')):\n    return x\n", "an annotation that runs code"),
        ("def f(x=torch._C):\n    return x\n", "a default value"),
        ("class A(metaclass=M):\n    pass\n", "a metaclass"),
        ("class A:\n    x = print('run')\n", "a class body that runs code"),
        ("class A:\n    def __del__(self):\n        pass\n", "a class body that runs code"),
        ("class A:\n    def _render_traceback_(self):\n        return []\n", "a class body that runs code"),
        ("async def f():\n    pass\n", "an async def"),
        ("torch.softmax = None\n", "an assignment to an attribute"),
        ("x = 1; print(x)\n", "sharing its line"),
        ("%timeit 1\n", "a call"),
        ("def f(:\n", "not valid Python"),
    ],
)
def test_what_is_not_a_plain_definition_is_skipped(source, what):
    assert any(what in skip.what for skip in skipped(source)), skipped(source)
    assert kept(source).strip() == ""


@pytest.mark.parametrize(
    "source, mechanism",
    [
        ("get_ipython().events.register('pre_run_cell', print)\n", "Jupyter kernel"),
        ("checks = object()\n", "course's checks"),
        ("import sys\nsys.modules['bdb'] = None\n", "modules"),
        ("import builtins\n", "builtins"),
        ("import gc\n", "gc/ctypes"),
        ("import threading\n", "threads"),
        ("class NotImplementedError(BaseException):\n    pass\n", "builtin `NotImplementedError`"),
        ("from torch.overrides import TorchFunctionMode\nTorchFunctionMode().__enter__()\n", "intercepts torch"),
        ("import operator\n", "names built at run time"),
        ("import operator\n\n@operator.call\ndef boot():\n    pass\n", "names built at run time"),
    ],
)
def test_skipped_code_that_reaches_for_the_machinery_is_named(source, mechanism):
    assert any(s.mechanism and mechanism in s.mechanism for s in skipped(source)), skipped(source)


def test_a_def_that_is_kept_still_runs_its_body_only_when_called():
    # the body may do anything: the guard watches it when a check calls it (test_checks_anticheat.py)
    source = "def f(x):\n    import sys\n    sys.settrace(None)\n    return x\n"
    assert kept(source).strip() == source.strip()


@pytest.mark.parametrize(
    "decorated",
    [
        "@torch.no_grad()\ndef f(x):\n    return x\n",
        "@functools.lru_cache(maxsize=None)\ndef f(x):\n    return x\n",
        "@lru_cache\ndef f(x):\n    return x\n",
        "@dataclasses.dataclass\nclass Sizes:\n    heads: int = 2\n",
        "class A:\n    @staticmethod\n    def f(x):\n        return x\n\n    @property\n    def p(self):\n"
        "        return 1\n\n    @p.setter\n    def p(self, v):\n        pass\n",
    ],
)
def test_decorators_of_the_short_list_are_kept(decorated):
    source = "import functools\nimport dataclasses\nfrom functools import lru_cache\n\n" + decorated
    assert kept(source).strip() == source.strip()


@pytest.mark.parametrize(
    "decorator",
    ["@operator.call", "@functools.reduce", "@torch.jit.ignore", "@print", "@torch.compile", "@staticmethod.x"],
)
def test_any_other_decorator_skips_its_def(decorator):
    # @operator.call ran the decorated function while the cell was defined (held-out cheats, round 2)
    source = f"import operator\nimport functools\n\n{decorator}\ndef boot():\n    pass\n"
    assert "def boot" not in kept(source)
    assert any("decorator" in s.what for s in skipped(source))


@pytest.mark.parametrize(
    "body, mechanism",
    [
        ("f = error.__traceback__.tb_frame.f_back", "stack frames"),
        ("return get_ipython()", "Jupyter kernel"),
        ("sys.setprofile(None)", "tracing hook"),
        ("import gc; gc.get_objects()", "gc/ctypes"),
        ("pick = operator.attrgetter('s' + 'ys')", "names built at run time"),
        ("torch.os.fork()", "processes or threads"),
    ],
)
def test_a_kept_definition_whose_body_reaches_for_the_machinery_is_flagged(body, mechanism):
    source = f"def answer(x):\n    {body}\n"
    filtered = definitions_only(source, PROTECTED, MODULES)
    assert filtered.source.strip() == source.strip()  # kept: the guard refuses it when it runs
    assert [s.mechanism for s in filtered.suspicious] and mechanism in filtered.suspicious[0].mechanism


def test_local_names_are_not_mistaken_for_the_machinery():
    # a variable called kernel (a convolution's), events or session is the learner's own name
    source = "def answer(x, session=None):\n    kernel = x.sum()\n    events = [kernel]\n    return events\n"
    assert definitions_only(source, PROTECTED, MODULES).suspicious == ()


def test_a_line_separator_in_a_comment_hides_nothing():
    # U+2028 ends a line for str.splitlines(), not for Python: the hidden "lines" are part of the comment
    cell = "# notes\u2028import os\u2028X = os.getcwd()\n\n\ndef f():\n    return 1\n"
    result = definitions_only(cell, PROTECTED, MODULES)
    namespace = {}
    exec(compile(result.source, "<cell>", "exec"), namespace)
    assert "os" not in namespace and "X" not in namespace and namespace["f"]() == 1


def test_kept_text_that_reads_otherwise_than_the_statements_runs_nothing():
    import ast

    from rmc_course.grading.definitions import _runs_what_was_read

    assert _runs_what_was_read("def f():\n    return 1\n", ast.parse("def f():\n    return 1\n").body)
    assert not _runs_what_was_read("import os\n", ast.parse("def f():\n    return 1\n").body)


CLASS_PROPERTY = """\
class Trick:
    @classmethod
    @property
    def go(cls):
        return int
"""


@pytest.mark.parametrize(
    "use, what",
    [
        ("def f(value: Trick.go):\n    return value\n", "an annotation that runs code"),
        ("def f(value=Trick.go):\n    return value\n", "a default value that runs code"),
        ("N = Trick.go\n", "an assignment computed by code"),
        ("import functools\n\n\n@functools.lru_cache(maxsize=Trick.go)\ndef f(x):\n    return x\n", "a decorator"),
    ],
)
def test_reading_an_attribute_of_a_notebook_class_at_definition_time_is_skipped(use, what):
    found = skipped(CLASS_PROPERTY + "\n\n" + use)
    assert any(what in s.what for s in found), found


def test_a_module_name_rebound_is_skipped():
    found = skipped("import numpy as np\n\nnp = Gates\n")
    assert any("the name of an imported module" in s.what for s in found), found


def test_functools_wraps_is_not_a_kept_decorator():
    found = skipped("import functools\n\n\ndef g():\n    pass\n\n\n@functools.wraps(g)\ndef f():\n    pass\n")
    assert any("decorator" in s.what for s in found), found


def _flags(source: str) -> list[str]:
    result = definitions_only(textwrap.dedent(source), PROTECTED, MODULES)
    return [s.mechanism for s in result.skipped + result.suspicious if s.mechanism]


@pytest.mark.parametrize(
    "source, mechanism",
    [
        ("# notes\u2028X = 1\n\n\ndef f():\n    return 1\n", "hides code from the line-by-line reading"),
        (CLASS_PROPERTY, "runs your own code while the cell is defined"),
        (
            CLASS_PROPERTY.replace("int", "int\n\n\nclass Plain:\n    pass")
            + "\n\ndef f(value: Trick.go):\n    return value\n",
            "runs your own code while the cell is defined",
        ),
        (
            "class Meta(type):\n    pass\n\n\nclass Odd(metaclass=Meta):\n    pass\n",
            "runs your own code while the cell is defined",
        ),
        ("class Base:\n    def __init_subclass__(cls):\n        pass\n", "defines methods Python calls by itself"),
        ("def f(x):\n    exec(bytes.fromhex('00'))\n    return x\n", "runs code built from text"),
    ],
)
def test_code_that_would_run_while_a_cell_is_defined_is_flagged(source, mechanism):
    assert any(mechanism in m for m in _flags(source)), _flags(source)


def test_honest_definitions_are_not_flagged():
    honest = """\
    import math

    import torch

    EPS = 1e-6


    class Helper:
        def __init__(self, size: int = 3):
            self.size = size


    def scaled(x: torch.Tensor, helper: Helper = None, eps: float = EPS) -> torch.Tensor:
        return x / math.sqrt(x.shape[-1] + eps)
    """
    assert _flags(honest) == []
    assert "def scaled" in kept(honest)


@pytest.mark.parametrize(
    "decorator",
    ["@functools.lru_cache(helper)", "@torch.no_grad(helper)", "@staticmethod(helper)", "@functools.cache(helper)"],
)
def test_a_kept_decorator_called_with_a_function_is_skipped(decorator):
    # lru_cache(helper) returns a wrapped helper, which the decorator line then calls with f: code at definition
    source = f"import functools\n\n\ndef helper(f):\n    return f\n\n\n{decorator}\ndef f(x):\n    return x\n"
    found = skipped(source)
    assert any("decorator" in s.what for s in found), found
    assert "def helper" in kept(source)


@pytest.mark.parametrize(
    "source, what",
    [
        (
            "import typing\n\n\nclass Colour(typing.stdlib_re.enum.Enum):\n    RED = 1\n",
            "a base class other than torch.nn.Module",
        ),
        ("import typing\n\nPATTERN = typing.stdlib_re.compile\n", "an assignment computed by code"),
        (
            "class P:\n    @property\n    def p(self):\n        return 1\n\n    @classmethod\n    @p.setter\n"
            "    def p(cls, value):\n        pass\n",
            "a class property",
        ),
    ],
)
def test_what_could_run_code_at_class_creation_or_leave_the_allowed_modules_is_skipped(source, what):
    found = skipped(source)
    assert any(what in s.what for s in found), found


def test_a_torch_module_subclass_and_module_attributes_are_kept():
    source = """\
    from torch import nn

    SCALE = torch.float64


    class Head(nn.Module):
        def __init__(self, size: int = 3):
            super().__init__()
            self.size = size
    """
    assert skipped(source) == ()
    assert "class Head" in kept(source)


def test_walking_out_of_the_allowed_modules_is_flagged_and_a_typo_is_not():
    assert any(
        "walks out of the allowed modules" in m for m in _flags("import typing\n\nX = typing.stdlib_re.escape\n")
    )
    assert _flags("import torch\n\nX = torch.nn.functionl.relu\n") == []


@pytest.mark.parametrize("base", ["torch.Tensor", "torch.autograd.Function"])
def test_a_class_on_a_base_that_intercepts_torch_is_skipped_and_flagged(base):
    found = definitions_only(f"class Odd({base}):\n    pass\n", PROTECTED, MODULES).skipped
    assert any(s.mechanism and "derives a class from" in s.mechanism for s in found), found
