"""What the held-out measures share: grade a folder of submissions with the course's real grader, in a
private copy of the course (the instructor's gradebook and autograded/ never see them).

Used by ``grade_cheats.py`` and ``grade_mistakes.py``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]


def private_course(folder: Path) -> Path:
    """A copy of the course's nbgrader set-up (config, sources, gradebook) in ``folder``/course."""
    course = folder / "course"
    shutil.rmtree(course, ignore_errors=True)
    course.mkdir(parents=True)
    shutil.copy2(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "solutions", course / "solutions")
    if (ROOT / "gradebook.db").exists():
        shutil.copy2(ROOT / "gradebook.db", course)
    return course


def grade(submissions: Path, out: Path, workers: int = 2) -> tuple[dict, Path]:
    """Run ``python -m rmc_course.grading`` on ``submissions``; return (report.json, the course copy)."""
    course = private_course(out)
    grades = out / "grades"
    cmd = [sys.executable, "-m", "rmc_course.grading", str(submissions), "--course", str(course)]
    cmd += ["--out", str(grades), "--no-progress", "--workers", str(workers)]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if run.returncode == 2:
        raise RuntimeError(run.stdout + run.stderr)
    return json.loads((grades / "report.json").read_text()), course


def result_of(report: dict, student: str, assignment: str) -> dict | None:
    return next((r for r in report["results"] if r["student"] == student and r["assignment"] == assignment), None)


def cell_error(course: Path, student: str, assignment: str, grade_id: str) -> str | None:
    """The message of the first error in a cell of a graded notebook (what the learner's feedback shows)."""
    path = course / "autograded" / student / assignment / f"{assignment}.ipynb"
    if not path.exists():
        return None
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") != grade_id:
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return f"{output.get('ename')}: {output.get('evalue')}"
    return None
