"""Every reference in the repository points inside it: no file cites the course-building notes or
paths that a learner's clone does not have."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _repo_files() -> list[Path]:
    """The repository's files: tracked and new ones (git), never what .gitignore leaves out (a
    local gradebook, autograded/ or feedback/ of a class graded here, runs/)."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):  # not a git checkout (an sdist): every file
        return sorted(p for p in REPO.rglob("*") if not any(part.startswith(".") for part in p.relative_to(REPO).parts))
    return sorted(REPO / name for name in listed)


def _repo_text_files():
    for path in _repo_files():
        parts = path.relative_to(REPO).parts
        if any(
            p.startswith(".")
            or p in {"runs", "build", "dist", "__pycache__", "mutants", "node_modules", "test-artifacts"}
            or p.endswith(".egg-info")
            for p in parts
        ):
            continue
        if (
            path.is_file()
            and path.suffix in {".py", ".md", ".ipynb", ".toml", ".yml", ".cfg", ".txt"}
            or path.name in {"Makefile"}
        ):
            yield path


def test_every_reference_points_inside_the_repo():
    """No file cites the course-building notes a learner's clone does not have."""
    outside = re.compile(r"shared/|DESIGN\.md|PAPER\.md|STYLE\.md|/work/")
    offenders = []
    for path in _repo_text_files():
        if path == Path(__file__):
            continue
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            if outside.search(line):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()[:100]}")
    assert offenders == []
