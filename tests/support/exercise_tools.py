"""Helpers for the nbgrader tests: the course's nbgrader config, in-process generate_assignment
and validation through nbgrader's Validator API (`nbgrader validate` exits 0 even when tests fail).
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

ROOT = Path(__file__).resolve().parents[2]
ASSIGNMENTS = sorted(p.name for p in (ROOT / "solutions").iterdir() if (p / f"{p.name}.ipynb").exists())


def course_config() -> Config:
    """nbgrader_config.py, loaded the way nbgrader loads it."""
    return PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()


def source_notebook(assignment: str) -> Path:
    return ROOT / "solutions" / assignment / f"{assignment}.ipynb"


def release_notebook(assignment: str) -> Path:
    return ROOT / "exercises" / assignment / f"{assignment}.ipynb"


def generate_release(release_dir: Path) -> None:
    """`nbgrader generate_assignment --no-db` of every assignment into ``release_dir``."""
    from nbgrader.converters import GenerateAssignment
    from nbgrader.coursedir import CourseDirectory

    config = course_config()
    config.CourseDirectory.release_directory = str(release_dir)
    config.GenerateAssignment.no_database = True
    config.SaveCells.enabled = False
    config.BaseConverter.force = True
    for assignment in ASSIGNMENTS:
        config.CourseDirectory.assignment_id = assignment
        coursedir = CourseDirectory(config=config)
        GenerateAssignment(coursedir=coursedir, config=config).start()


def validate(path: Path) -> dict:
    """nbgrader's Validator on one notebook: {} when every graded cell passes."""
    from nbgrader.validator import Validator

    return Validator(config=course_config()).validate(str(path))


def graded_cells(path: Path) -> list[dict]:
    notebook = nbformat.read(str(path), as_version=4)
    return [cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade")]


def canonical(path: Path) -> str:
    return json.dumps(json.loads(path.read_text()), sort_keys=True, indent=1)
