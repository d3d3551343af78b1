"""Every reference in the repository points inside it: no file cites the course-building notes or
paths that a learner's clone does not have."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _repo_text_files():
    for path in sorted(REPO.rglob("*")):
        parts = path.relative_to(REPO).parts
        if any(p.startswith(".") or p in {"runs", "build", "dist", "__pycache__", "mutants", "node_modules", "test-artifacts"} or p.endswith(".egg-info")
               for p in parts):
            continue
        if path.is_file() and path.suffix in {".py", ".md", ".ipynb", ".toml", ".yml", ".cfg", ".txt"} \
                or path.name in {"Makefile"}:
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
