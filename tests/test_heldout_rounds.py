"""The held-out rounds, once measured, join the tests (benchmarks/heldout/): every learner mistake of
rounds 1-13 loses the points of its test and gets a cause, and their correct answers pass; every cheat of rounds 1 to 4 scores 0 under
real class grading and is flagged. A fresh round is the next measure (benchmarks/heldout/README.md).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pytest

from rmc_course.exercises.explain import CAUSES
from rmc_course.exercises.registry import CHECKS, MISCONCEPTIONS
from rmc_course.guard import CheckFailed

REPO = Path(__file__).resolve().parents[1]
HELDOUT = REPO / "benchmarks" / "heldout"
MISTAKE_ROUNDS = tuple(HELDOUT / f"mistakes_r{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13))
CHEATS = tuple(HELDOUT / f"cheats_r{n}" for n in (1, 2, 3, 4))
KNOWN = set(CAUSES) | {f"{m.exercise}:{m.key}" for m in MISCONCEPTIONS}


def _function_names(exercise: str) -> dict[str, str]:
    """{"1.4": "multi_head_attention", ...} from the released notebook's test cells."""
    nb = nbformat.read(REPO / "exercises" / exercise / f"{exercise}.ipynb", as_version=4)
    names = {}
    for cell in nb.cells:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
        found = re.search(r"checks\.check_\w+\((\w+)\)", cell.source)
        if gid.startswith("test-") and found:
            names[gid[len("test-") :].replace("-", ".")] = found.group(1)
    return names


def _namespace(*paths: Path) -> dict:
    namespace = {"__name__": "__main__"}
    for path in paths:
        exec(compile(path.read_text(), str(path), "exec"), namespace)  # as a notebook cell runs it
    return namespace


def _exercise_folders():
    return [d for r in MISTAKE_ROUNDS for d in sorted(r.iterdir()) if (d / "correct.py").exists()]


def _mistakes():
    for folder in _exercise_folders():
        for path in sorted(folder.glob("[0-9]*.py")):
            yield pytest.param(folder, path, id=f"{folder.parent.name}/{folder.name}/{path.stem}")


@pytest.mark.parametrize("folder", _exercise_folders(), ids=lambda d: f"{d.parent.name}/{d.name}")
def test_the_rounds_correct_answers_pass_every_check(folder, capsys):
    namespace = _namespace(folder / "correct.py")
    for number, name in _function_names(folder.name).items():
        CHECKS[number](namespace[name])
        CHECKS[number](namespace[name], hidden=True)
    assert "not right" not in capsys.readouterr().out


@pytest.mark.parametrize("folder, path", list(_mistakes()))
def test_the_rounds_mistakes_lose_their_points_with_a_known_cause(folder, path):
    number = re.search(r"^exercise: (\S+)$", path.read_text(), re.M).group(1)
    namespace = _namespace(folder / "correct.py", path)
    function = namespace[_function_names(folder.name)[number]]
    with pytest.raises(CheckFailed) as caught:
        CHECKS[number](function)
        CHECKS[number](function, hidden=True)
    assert caught.value.cause in KNOWN


@pytest.mark.slow  # a class run with nbgrader
@pytest.mark.timeout(1500)  # 56 submissions on 2 grading workers, beside the other tests on a 2-core machine
def test_cheats_of_rounds_1_to_4_score_zero_and_are_flagged(tmp_path):
    sys.path.insert(0, str(HELDOUT))
    try:
        import grade_cheats
        import heldout_grading
    finally:
        sys.path.remove(str(HELDOUT))
    subs = tmp_path / "submissions"
    # student ids are at most 64 characters (rmc_course.grading.intake.STUDENT_ID): the round and a number
    cheats = {
        f"{folder.name.removeprefix('cheats_')}_{i:02d}": path
        for folder in CHEATS
        for i, path in enumerate(sorted(folder.glob("*__*.py")))
    }
    assert len(cheats) >= 56  # rounds 1-4: 13, 16, 13, 14 (one class run: one startup)
    for student, path in cheats.items():
        exercise, cells = grade_cheats.parse_cheat(path)
        target = subs / student / exercise / f"{exercise}.ipynb"
        target.parent.mkdir(parents=True)
        nbformat.write(grade_cheats.submission(exercise, cells), target)
    report, _ = heldout_grading.grade(subs, tmp_path)
    assert report["machinery_failures"] == 0
    for student in cheats:
        [result] = [r for r in report["results"] if r["student"] == student]
        assert result["score"] == 0, (cheats[student].name, result)
        assert result["flags"], cheats[student].name
