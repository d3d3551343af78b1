"""exercises/ is nbgrader's release of solutions/, and every released stub fails its tests with
its teaching message (through nbgrader's Validator API, what the Validate button runs)."""

from __future__ import annotations

import re

import nbformat
import pytest
from support.exercise_tools import (
    ASSIGNMENTS,
    ROOT,
    canonical,
    generate_release,
    graded_cells,
    release_notebook,
    source_notebook,
    validate,
)

ANSI = re.compile(r"\x1b\[[0-9;]*m")
EXPECTED = ["ex01_attention", "ex02_memory", "ex03_gating", "ex04_core", "ex05_nth_farthest"]


def test_every_expected_assignment_exists():
    assert [a for a in EXPECTED if a in ASSIGNMENTS] == EXPECTED


@pytest.mark.slow  # nbgrader generate_assignment
def test_exercises_folder_is_a_fresh_generate_assignment(tmp_path):
    generate_release(tmp_path)
    fresh = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    committed = sorted(
        str(p.relative_to(ROOT / "exercises"))
        for p in (ROOT / "exercises").rglob("*")
        if p.is_file() and ".ipynb_checkpoints" not in p.parts
    )
    assert fresh == committed, "exercises/ differs from solutions/: run `make release`"
    for assignment in ASSIGNMENTS:
        assert canonical(tmp_path / assignment / f"{assignment}.ipynb") == canonical(release_notebook(assignment)), (
            f"exercises/{assignment} is stale: run `make release`"
        )


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_source_cells_follow_the_conventions(assignment):
    """Every answer has a stub naming its exercise; every test cell has points, a visible check
    and a hidden one on other sizes; the release carries no solution or hidden test."""
    source = nbformat.read(str(source_notebook(assignment)), as_version=4)
    release = nbformat.read(str(release_notebook(assignment)), as_version=4)
    answers = [c for c in source.cells if c.metadata.get("nbgrader", {}).get("solution")]
    tests = [c for c in source.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert answers and len(answers) == len(tests)
    for answer, test in zip(answers, tests):
        number = re.search(r"raise NotImplementedError\(\"Exercise (\d\.\d):", answer.source).group(1)
        assert f"# Test {number} ({test.metadata.nbgrader.points} point" in test.source
        visible, hidden = test.source.split("### BEGIN HIDDEN TESTS")
        assert "checks.check_" in visible and "hidden=True" in hidden
    for cell in release.cells:
        assert "BEGIN SOLUTION" not in cell.source and "HIDDEN TESTS" not in cell.source
        assert "hidden=True" not in cell.source
        if cell.metadata.get("nbgrader", {}).get("solution"):
            compile(cell.source, "<stub>", "exec")  # valid Python
            assert re.search(r"raise NotImplementedError\(\"Exercise \d\.\d: ", cell.source)
        assert cell.get("outputs", []) == []


@pytest.mark.slow  # nbgrader's Validator runs each notebook in a kernel
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_released_stub_fails_every_graded_cell_with_its_teaching_message(assignment):
    path = release_notebook(assignment)
    result = validate(path)
    failed = result.get("failed", [])
    graded = graded_cells(path)
    assert len(failed) == len(graded), result
    for cell, failure in zip(graded, failed):
        number = re.search(r"# Test (\d\.\d)", cell.source).group(1)
        error = ANSI.sub("", failure["raw_error"])
        last = error.strip().splitlines()[-1]
        assert last.startswith("CheckFailed: ") and f"Exercise {number}" in last, error
        assert "is not written yet" in last and "NotImplementedError" in last
        assert "NameError" not in error and "SyntaxError" not in error


@pytest.mark.slow  # nbgrader's feedback preprocessors
def test_feedback_preprocessors_hide_hidden_tests():
    """nbgrader_config's feedback chain: hidden regions leave the test cells and tracebacks are cut
    to their last line, the check's message (a traceback quotes the lines around the failure)."""
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import GetGrades
    from support.exercise_tools import course_config

    config = course_config()
    chain = [p for p in config.GenerateFeedback.preprocessors if p not in (GetGrades, CSSHTMLHeaderPreprocessor)]
    assert len(chain) == 2
    notebook = nbformat.read(str(source_notebook(ASSIGNMENTS[0])), as_version=4)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            cell.outputs = [
                nbformat.v4.new_output(
                    "error",
                    ename="CheckFailed",
                    evalue="Exercise: wrong",
                    traceback=["----> 4 " + cell.source.splitlines()[3], "CheckFailed: Exercise: wrong"],
                )
            ]
    assert "hidden=True" in nbformat.writes(notebook)
    resources = {}
    for preprocessor in chain:
        notebook, resources = preprocessor(config=config).preprocess(notebook, resources)
    text = nbformat.writes(notebook)
    assert "hidden=True" not in text and "HIDDEN TESTS" not in text
    assert "CheckFailed: Exercise: wrong" in text
