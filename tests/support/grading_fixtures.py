"""Hostile and ordinary submissions, generated from a solution notebook so they stay in sync.

Each fixture is a function ``source notebook -> (files, expectation)``: ``files`` maps a path
inside the student's assignment folder to bytes; the expectation says the score it must get
(``points`` = function of the notebook's test-cell points) and which flag reason must appear.

The hostile code goes into the *last* answer cell, before the learner's function, so the earlier
answers are correct and scored, and exactly the last test cell loses its points.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import re
from typing import Callable

import nbformat

HIDDEN = re.compile(r"[^\n]*BEGIN HIDDEN TESTS.*?END HIDDEN TESTS[^\n]*\n?", re.S)
SOLUTION = re.compile(r"[ \t]*### BEGIN SOLUTION\n(.*?)[ \t]*### END SOLUTION\n?", re.S)


def meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def answers(nb) -> list:
    return [c for c in nb.cells if meta(c).get("solution")]


def tests(nb) -> list:
    return [c for c in nb.cells if meta(c).get("grade") and not meta(c).get("solution")]


def points(nb) -> list[float]:
    return [float(meta(c).get("points", 0)) for c in tests(nb)]


def solved(source):
    """What a learner who solved everything submits: hidden tests gone, solutions kept."""
    nb = copy.deepcopy(source)
    for cell in nb.cells:
        cell.source = HIDDEN.sub("", cell.source)
        cell.source = SOLUTION.sub(lambda m: m.group(1), cell.source)
    return nb


def released(source):
    """The released stub (as ``nbgrader generate_assignment`` makes it): every answer fails."""
    nb = copy.deepcopy(source)
    for cell in nb.cells:
        cell.source = HIDDEN.sub("", cell.source)
        cell.source = SOLUTION.sub("    # YOUR CODE HERE\n", cell.source)
    return nb


def _stub_last(nb, stub_source):
    last = answers(nb)[-1]
    last.source = answers(stub_source)[-1].source
    return nb


def _prepend_last(nb, code):
    last = answers(nb)[-1]
    last.source = code.rstrip() + "\n\n" + last.source
    return nb


def write(nb) -> bytes:
    return nbformat.writes(nb).encode()


@dataclasses.dataclass
class Expect:
    score: Callable  # points list -> expected score
    flag: str | None = None  # a substring of one of the flags ("a|b": either)
    graded: bool = True  # False when the notebook is rejected before running
    # True: graded with every line of the learner's cells run as written (definitions_only=False),
    # as if hostile top-level code had got past the scoring run's filter: tests the sandbox itself
    as_written: bool = False


ALL = lambda p: sum(p)  # noqa: E731
NONE = lambda p: 0.0  # noqa: E731
ALL_BUT_LAST = lambda p: sum(p[:-1])  # noqa: E731
FIRST_ONLY = lambda p: p[0]  # noqa: E731


def build(source, notebook: str, other_student_path: str, escape_path: str) -> dict:
    """All fixtures: student id -> (files, Expect). Paths are the host paths an attacker aims at."""
    stub = released(source)
    ok = solved(source)
    fx = {}

    fx["correct"] = ({notebook: write(ok)}, Expect(ALL))

    # a right answer with the harmless top-level code learners leave in (a helper constant, prints,
    # a try of the function, a plot): graded for real that code is skipped, and costs nothing
    extras = copy.deepcopy(ok)
    first = answers(extras)[0]
    first.source = (
        "import math\n\nimport matplotlib.pyplot as plt\n\nHALF = 1 / math.sqrt(4)\nprint('trying my answer')\n\n\n"
        + first.source
        + "\n\n\nq = torch.randn(2, 3, 4)\nprint([tuple(t.shape) for t in "
        + first.source.split("def ")[1].split("(")[0]
        + "(q, q, q)])\nplt.plot([1, 2, 3])\n"
    )
    fx["correct_extras"] = ({notebook: write(extras)}, Expect(ALL))

    partly = copy.deepcopy(stub)
    answers(partly)[0].source = answers(ok)[0].source
    fx["partly"] = ({notebook: write(partly)}, Expect(FIRST_ONLY))

    fx["wrong"] = ({notebook: write(stub)}, Expect(NONE))

    fx["loop"] = (
        {notebook: write(_prepend_last(copy.deepcopy(ok), "while True:\n    pass"))},
        Expect(ALL_BUT_LAST, "timed out|CPU-time limit", as_written=True),
    )

    fx["crash"] = (
        {notebook: write(_prepend_last(copy.deepcopy(ok), "import os\nos._exit(3)"))},
        Expect(ALL_BUT_LAST, "kernel died", as_written=True),
    )

    fx["hugemem"] = (
        {notebook: write(_prepend_last(copy.deepcopy(ok), "import numpy as np\nhog = np.ones(2**30)  # 8 GiB"))},
        Expect(ALL_BUT_LAST, "memory limit", as_written=True),
    )

    fx["forkbomb"] = (
        {notebook: write(_prepend_last(copy.deepcopy(ok), "import os\nwhile True:\n    os.fork()"))},
        Expect(ALL_BUT_LAST, "process limit", as_written=True),
    )

    # one file past the per-file cap (RLIMIT_FSIZE: "File too large"), then many files below it
    # until the scratch folder's total passes the disk limit (the sandbox stops the kernel)
    fx["bigfile"] = (
        {
            notebook: write(
                _prepend_last(
                    copy.deepcopy(ok),
                    (
                        "with open('big.bin', 'wb') as f:\n"
                        "    for _ in range(64):\n        f.write(b'x' * 2**20)  # 64 MB in 1 MB writes"
                    ),
                )
            )
        },
        Expect(ALL_BUT_LAST, "file size limit", as_written=True),
    )
    fx["diskfill"] = (
        {
            notebook: write(
                _prepend_last(
                    copy.deepcopy(ok),
                    (
                        "for i in range(64):  # 64 files of 8 MB: 512 MB unless stopped\n"
                        "    with open(f'fill{i}.bin', 'wb') as f:\n        f.write(b'x' * 2**23)\n"
                        "print('the disk limit did not stop me')"
                    ),
                )
            )
        },
        Expect(ALL_BUT_LAST, "disk limit", as_written=True),
    )

    deleted = copy.deepcopy(ok)
    deleted.cells.remove(tests(deleted)[0])
    fx["deleted"] = ({notebook: write(deleted)}, Expect(ALL, "deleted"))

    edited = _stub_last(copy.deepcopy(ok), stub)
    tests(edited)[-1].source = "pass  # the test is fine, trust me"
    fx["edited"] = ({notebook: write(edited)}, Expect(ALL_BUT_LAST, "locked cell"))

    stripped = copy.deepcopy(ok)
    for cell in stripped.cells:
        cell.metadata.pop("nbgrader", None)
    fx["stripped"] = ({notebook: write(stripped)}, Expect(ALL, "restored by cell position"))
    shuffled = copy.deepcopy(stripped)
    shuffled.cells.insert(0, nbformat.v4.new_code_cell("# my notes"))
    fx["stripped2"] = ({notebook: write(shuffled)}, Expect(NONE, "cannot be matched", graded=False))

    text = nbformat.writes(ok)
    fx["badjson"] = ({notebook: text[: len(text) // 2].encode()}, Expect(NONE, "invalid JSON", graded=False))

    fx["notnb"] = ({"answers.txt": b"def f(x):\n    return x\n"}, Expect(NONE, "non-notebook file", graded=False))

    snoop = f"""
import os
for target in [{other_student_path!r}, "../../alice", {escape_path!r} + ".dir"]:
    try:
        print(target, "READ", len(os.listdir(target)) if os.path.isdir(target) else len(open(target).read()))
    except OSError as exc:
        print(target, "blocked", type(exc).__name__)
for target in [{escape_path!r}, "../escape.txt"]:
    try:
        open(target, "w").write("escaped")
        print(target, "WROTE")
    except OSError as exc:
        print(target, "blocked", type(exc).__name__)
"""
    fx["snoop"] = (
        {notebook: write(_prepend_last(copy.deepcopy(ok), snoop))},
        Expect(ALL, "touches files", as_written=True),
    )

    leak = copy.deepcopy(ok)
    answers(leak)[0].source = (
        "get_ipython().events.register('pre_run_cell', lambda info: print(info.raw_cell))\n\n" + answers(leak)[0].source
    )
    # graded for real, the same top-level code never runs: full marks (the answers are right), and
    # code that reaches for the kernel is flagged by what it is
    fx["loop_skipped"] = ({notebook: write(_prepend_last(copy.deepcopy(ok), "while True:\n    pass"))}, Expect(ALL))
    fx["leaker_skipped"] = (
        {
            notebook: write(
                _prepend_last(
                    copy.deepcopy(ok),
                    "get_ipython().events.register('pre_run_cell', lambda info: print(info.raw_cell))",
                )
            )
        },
        Expect(ALL, "reaches into the Jupyter kernel"),
    )
    fx["leaker"] = ({notebook: write(leak)}, Expect(ALL, "hooks into the kernel", as_written=True))
    return fx


def build_ex01(source, notebook: str) -> dict:
    """Exercise 1's own hostile fixtures: delegation and tampering, scored by rmc_course.checks."""
    stub, ok = released(source), solved(source)
    fx = {}
    # 1.1 handed over to the reference: 1.1 scores 0, and so does 1.4 (it calls 1.1 -> rmc_ref)
    delegate = copy.deepcopy(ok)
    answers(delegate)[0].source = "from rmc_ref.attention import scaled_dot_product_attention"
    fx["delegate"] = ({notebook: write(delegate)}, Expect(lambda p: p[1] + p[2], "uses rmc_ref"))
    # switch off the check of 1.1, then submit the stub: the checks are read-only, and every
    # graded cell after a tampering attempt scores 0
    checkpatch = copy.deepcopy(ok)
    answers(checkpatch)[0].source = (
        "try:\n    checks.check_scaled_dot_product_attention = lambda *a, **k: None\n"
        "except AttributeError:\n    pass\n\n" + answers(stub)[0].source
    )
    # graded for real the patch never runs (skipped): 1.1 is the stub (0), and so is 1.4, which calls it
    fx["checkpatch"] = ({notebook: write(checkpatch)}, Expect(lambda p: p[1] + p[2], "course's checks"))
    # a (harmless-looking) replacement of torch.softmax: the checks see torch changed
    torchpatch = copy.deepcopy(ok)
    answers(torchpatch)[0].source = (
        "_softmax = torch.softmax\ntorch.softmax = lambda x, dim=-1, **kw: _softmax(x, dim=dim)\n\n"
        + answers(ok)[0].source
    )
    fx["torchpatch"] = ({notebook: write(torchpatch)}, Expect(ALL, "monkeypatching"))
    # ... and done as written, it still changes what the checks use: every graded cell scores 0
    fx["torchpatch_written"] = ({notebook: write(torchpatch)}, Expect(NONE, "monkeypatching", as_written=True))
    fx.update(_cheats_on_stubs(stub, notebook))
    # known mistakes, for the class report of causes (causes.csv): 1.1 wrong, 1.4 then fails upstream
    for name, (old_text, new_text) in {
        "mistake_softmax_axis": ("dim=-1", "dim=-2"),
        "mistake_dot_T": ("key.transpose(-1, -2)", "key.T"),
    }.items():
        nb = copy.deepcopy(ok)
        first = answers(nb)[0]
        assert old_text in first.source, (name, first.source)
        first.source = first.source.replace(old_text, new_text, 1)
        fx[name] = ({notebook: write(nb)}, Expect(lambda p: p[1] + p[2]))
    return fx


# Issue 28's table: a few lines above the released stubs that scored full marks before the scoring
# run kept to definitions; then their relatives inside a function body, which run when a check
# calls the function (the guard's kernel watch). Each scores 0 and is flagged by its mechanism.
_TOP_LEVEL_CHEATS = {
    "cheat_rebind_checks": (
        "class _Anything:\n    def __getattr__(self, name):\n        return lambda *args, **kwargs: None\n\n\n"
        "checks = _Anything()",
        "course's checks",
    ),
    "cheat_input_transformer": (
        "get_ipython().input_transformers_cleanup.append(\n"
        "    lambda lines: ['pass\\n'] if any('check' in line for line in lines) else lines\n)",
        "jupyter kernel",
    ),
    "cheat_ast_transformer": (
        "import ast\n\n\nclass _Empty(ast.NodeTransformer):\n    def visit_Module(self, node):\n"
        "        if 'check' in ast.unparse(node):\n            node.body = [ast.Pass()]\n        return node\n\n\n"
        "get_ipython().ast_transformers.append(_Empty())",
        "jupyter kernel",
    ),
    "cheat_fake_module": (
        "import sys\nimport types\n\n_fake = types.ModuleType('rmc_course.exercises.ex01_attention')\n"
        "_fake.__getattr__ = lambda name: (lambda *args, **kwargs: None)\n"
        "sys.modules['rmc_course.exercises.ex01_attention'] = _fake\nchecks = _fake",
        "modules|course's checks",
    ),
    "cheat_custom_exc": (
        "get_ipython().set_custom_exc((BaseException,), lambda shell, etype, value, tb, tb_offset=None: None)",
        "jupyter kernel",
    ),
}
# inside the first answer's body, before its stub line: runs when check 1.1 calls the function
_CALL_TIME_CHEATS = {
    "cheat_body_rebind_checks": (
        "    global checks\n    checks = None\n",
        "the notebook's name `checks`",
    ),
    "cheat_body_session": (
        "    get_ipython().kernel.session.send = lambda *args, **kwargs: None\n",
        "get_ipython",
    ),
    "cheat_body_settrace": ("    import sys\n    sys.settrace(lambda *args: None)\n", "imports `sys`"),
    "cheat_body_tensor_subclass": (
        "    return torch.zeros(1).as_subclass(_Always), torch.zeros(1).as_subclass(_Always)\n",
        "a subclass of torch.Tensor|derives a class from torch",
    ),
    "cheat_body_torchpatch": ("    torch.softmax = lambda x, dim=-1, **kwargs: x\n", "torch.softmax"),
}


def _cheats_on_stubs(stub, notebook: str) -> dict:
    fx = {}
    for name, (code, flag) in _TOP_LEVEL_CHEATS.items():
        nb = copy.deepcopy(stub)
        answers(nb)[0].source = code + "\n\n\n" + answers(nb)[0].source
        fx[name] = ({notebook: write(nb)}, Expect(NONE, flag))
    for name, (body, flag) in _CALL_TIME_CHEATS.items():
        nb = copy.deepcopy(stub)
        first = answers(nb)[0]
        head, _, rest = first.source.partition("\n    # YOUR CODE HERE\n")
        first.source = head + "\n" + body + "    # YOUR CODE HERE\n" + rest
        if name == "cheat_body_tensor_subclass":
            first.source = "class _Always(torch.Tensor):\n    pass\n\n\n" + first.source
        fx[name] = ({notebook: write(nb)}, Expect(NONE, flag))
    return fx


def tiny_source():
    """A two-exercise assignment in the course's notebook format (setup, answer, test cells)."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    def m(gid, grade=False, solution=False, locked=False, pts=None):
        d = {
            "grade": grade,
            "grade_id": gid,
            "locked": locked,
            "schema_version": 3,
            "solution": solution,
            "task": False,
        }
        if pts is not None:
            d["points"] = pts
        return {"nbgrader": d}

    cells = [
        new_markdown_cell("# Tiny", metadata=m("intro", locked=True)),
        new_code_cell("import math", metadata=m("setup", locked=True)),
        new_code_cell(
            'def add(a, b):\n    """a + b"""\n    ### BEGIN SOLUTION\n    return a + b\n'
            '    ### END SOLUTION\n    raise NotImplementedError("Exercise 1: write add")',
            metadata=m("answer-1", solution=True),
        ),
        new_code_cell(
            'assert add(1, 2) == 3, "add(1, 2) should be 3"\n### BEGIN HIDDEN TESTS\n'
            'assert add(-40, 2) == -38, "add is wrong for negative numbers"\n'
            "### END HIDDEN TESTS",
            metadata=m("test-1", grade=True, locked=True, pts=3),
        ),
        new_code_cell(
            "def mul(a, b):\n    ### BEGIN SOLUTION\n    return a * b\n"
            '    ### END SOLUTION\n    raise NotImplementedError("Exercise 2: write mul")',
            metadata=m("answer-2", solution=True),
        ),
        new_code_cell(
            'assert mul(2, 3) == 6, "mul(2, 3) should be 6"\n### BEGIN HIDDEN TESTS\n'
            'assert mul(-70, 3) == -210, "mul is wrong for negative numbers"\n'
            "### END HIDDEN TESTS",
            metadata=m("test-2", grade=True, locked=True, pts=2),
        ),
    ]
    return new_notebook(
        cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )


TINY_CONFIG = """import os
c = get_config()
ROOT = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.course_id = "tiny-course"
c.CourseDirectory.root = ROOT
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(ROOT, "gradebook.db")
"""


def dumps(obj) -> str:
    return json.dumps(obj, indent=1, sort_keys=True, default=str)
