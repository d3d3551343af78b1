"""Read a folder of submissions and decide, before any code runs, what can be graded.

Layout (nbgrader's ``submitted/`` layout): ``SUBMISSIONS/<student>/<assignment>/<notebook>.ipynb``
(+ an optional ``timestamp.txt``). A notebook directly in ``<student>/`` is accepted too when its
name is a notebook of exactly one assignment. Everything else is flagged, never silently dropped:
invalid JSON, files that are not notebooks, unknown notebooks, symbolic links, oversized files,
student folder names that are not safe ids.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import re
from pathlib import Path

import nbformat

STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@+-]{0,63}$")
MAX_NOTEBOOK_BYTES = 20 * 2**20
ALLOWED_EXTRA = {"timestamp.txt"}


@dataclasses.dataclass
class Submission:
    student: str
    assignment: str
    files: dict = dataclasses.field(default_factory=dict)  # name -> bytes (validated)
    flags: list = dataclasses.field(default_factory=list)  # reasons (strings)
    origin: Path | None = None  # the folder it was read from

    def encoded_files(self) -> dict:
        return {k: base64.b64encode(v).decode() for k, v in self.files.items()}


def check_notebook(data: bytes) -> str | None:
    """None when ``data`` is a readable notebook, else the reason it is not."""
    if len(data) > MAX_NOTEBOOK_BYTES:
        return f"notebook larger than {MAX_NOTEBOOK_BYTES // 2**20} MB"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "not a notebook: not UTF-8 text"
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return f"invalid JSON ({exc.msg} at line {exc.lineno})"
    try:
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # noqa: BLE001 - nbformat raises several kinds
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"not a valid notebook ({first[:120]})"
    return None


def scan(submissions: Path, notebooks_of: dict) -> tuple[list[Submission], list[tuple]]:
    """Submissions found under ``submissions`` and flags that belong to no submission.

    ``notebooks_of`` maps each assignment id to the set of its notebook names (without
    ``.ipynb``). Returns ``(submissions, orphans)`` where orphans are ``(student, reason)``.
    """
    by_key: dict = {}
    orphans: list = []
    owner_of = {}
    for aid, names in notebooks_of.items():
        for name in names:
            owner_of.setdefault(name, []).append(aid)

    def get(student, aid):
        if (student, aid) not in by_key:
            by_key[(student, aid)] = Submission(student, aid)
        return by_key[(student, aid)]

    def take_file(sub: Submission, path: Path, rel: str):
        if path.is_symlink():
            sub.flags.append(f"symbolic link ignored: {rel}")
            return
        if path.suffix == ".ipynb":
            if path.stem not in notebooks_of[sub.assignment]:
                sub.flags.append(f"unknown notebook ignored: {rel}")
                return
            data = path.read_bytes()
            problem = check_notebook(data)
            if problem:
                sub.flags.append(f"{rel}: {problem}; scored 0")
                return
            sub.files[path.name] = data
        elif path.name in ALLOWED_EXTRA and path.stat().st_size < 1024:
            sub.files[path.name] = path.read_bytes()
        else:
            sub.flags.append(f"non-notebook file ignored: {rel}")

    for student_dir in sorted(submissions.iterdir()):
        student = student_dir.name
        if student.startswith("."):
            continue
        if student_dir.is_symlink() or not student_dir.is_dir():
            orphans.append((student, "not a student folder (a file or a link); ignored"))
            continue
        if not STUDENT_ID.match(student):
            orphans.append((student, "student folder name is not a safe id; ignored"))
            continue
        for entry in sorted(student_dir.iterdir()):
            rel = f"{student}/{entry.name}"
            if entry.is_dir() and not entry.is_symlink():
                if entry.name not in notebooks_of:
                    orphans.append((student, f"unknown assignment folder ignored: {rel}"))
                    continue
                sub = get(student, entry.name)
                sub.origin = entry
                for path in sorted(entry.rglob("*")):
                    if path.is_dir() and not path.is_symlink():
                        continue
                    relpath = path.relative_to(entry)
                    if len(relpath.parts) > 1:
                        sub.flags.append(f"file in a sub-folder ignored: {rel}/{relpath}")
                        continue
                    take_file(sub, path, f"{rel}/{relpath}")
            elif entry.suffix == ".ipynb" and len(owner_of.get(entry.stem, [])) == 1:
                take_file(get(student, owner_of[entry.stem][0]), entry, rel)
            else:
                orphans.append((student, f"file ignored (not a notebook of any assignment): {rel}"))
    subs = [by_key[k] for k in sorted(by_key)]
    return subs, orphans


def restore_stripped_metadata(nb, source) -> tuple[object, str | None]:
    """A notebook whose nbgrader metadata was stripped from every cell (some editors and
    "clear metadata" tools do that) cannot be autograded: nbgrader no longer knows which cell
    is which (and 0.9.6 crashes re-adding the cells). When the learner kept the cells as
    released (same count and types), the metadata is copied back by position.

    Returns ``(notebook, flag)``; the notebook is None when it cannot be repaired.
    """

    def has_meta(cell):
        return bool(cell.get("metadata", {}).get("nbgrader"))

    if any(has_meta(c) for c in nb.cells) or not any(has_meta(c) for c in source.cells):
        return nb, None
    if [c.cell_type for c in nb.cells] != [c.cell_type for c in source.cells]:
        return None, (
            "nbgrader metadata stripped from every cell and cells added or removed: "
            "cannot be matched to the assignment; scored 0, grade it by hand"
        )
    for cell, src in zip(nb.cells, source.cells):
        if has_meta(src):
            cell.metadata["nbgrader"] = dict(src.metadata["nbgrader"])
    return nb, "nbgrader metadata stripped from every cell; restored by cell position"
