"""Reasons to look at a submission: what its outputs show and what its code does.

Flags never change a score themselves: nbgrader and the course's checks decide scores (a check
that sees tampering scores its cell 0 with an IntegrityError, which is also flagged here). They
tell the instructor which submissions to open and why.
"""

from __future__ import annotations

import re

from .sandbox import Limits
from .worker import KERNEL_DIED

# (pattern, reason) checked in the learner's answer cells; a pattern that already occurs in the
# course's own version of that cell is not the learner's doing and is ignored.
CODE_PATTERNS = [
    (re.compile(r"\brmc_ref\b"), "answer code uses rmc_ref (delegating to the reference?)"),
    (re.compile(r"\brmc_course\b"), "answer code uses rmc_course (the course's machinery)"),
    (
        re.compile(r"\b(?:torch|rmc_ref|rmc_course|checks|np|numpy|math|builtins)(?:\.\w+)+\s*=(?!=)"),
        "answer code assigns to a module attribute (monkeypatching?)",
    ),
    (
        re.compile(r"\bsetattr\s*\(|__builtins__|\bsys\.modules\b|\bimportlib\b|\bgc\.get_"),
        "answer code changes modules or objects at run time (monkeypatching?)",
    ),
    (
        re.compile(
            r"get_ipython\(\)\s*\.\s*(?:events|input_transformers|ast_transformers|register)"
            r"|\bsys\.(?:settrace|setprofile)\b"
        ),
        "answer code hooks into the kernel (could see or change later cells)",
    ),
    (
        re.compile(
            r"\bopen\s*\(|\bos\.(?:listdir|walk|scandir|chdir|remove|unlink|system|popen)\b"
            r"|\bsubprocess\b|\bshutil\b|\bglob\b|\bPath\s*\("
            r"|\b(?:np|numpy|torch)\.(?:fromfile|load|save|savetxt|loadtxt|genfromtxt|memmap|from_file)\b|\.tofile\("
        ),
        "answer code touches files or runs programs",
    ),
    (
        re.compile(r"\bos\.(?:fork|_exit|kill)\b|\bmultiprocessing\b|\bsys\.exit\b"),
        "answer code controls processes (fork/exit/kill)",
    ),
]


def _meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def _without_hidden(source: str) -> str:
    """The source as released: hidden-test regions removed."""
    return re.sub(r"[^\n]*BEGIN HIDDEN TESTS.*?END HIDDEN TESTS[^\n]*\n?", "", source, flags=re.S).strip()


def _name(cell, index) -> str:
    return _meta(cell).get("grade_id") or f"cell {index + 1}"


def static_flags(submitted, source) -> list[str]:
    """Compare the learner's notebook with the course's source notebook (before running)."""
    flags = []
    src_cells = {_meta(c).get("grade_id"): c for c in source.cells if _meta(c).get("grade_id")}
    sub_cells = {_meta(c).get("grade_id"): c for c in submitted.cells if _meta(c).get("grade_id")}
    graded = [
        gid for gid, c in src_cells.items() if _meta(c).get("grade") or _meta(c).get("solution") or _meta(c).get("task")
    ]
    if not sub_cells and src_cells:
        pass  # intake.restore_stripped_metadata decides and says what happened
    else:
        missing = [gid for gid in graded if gid not in sub_cells]
        if missing:
            flags.append("graded cell(s) deleted, restored from the source: " + ", ".join(missing))
    for gid, cell in sub_cells.items():
        src = src_cells.get(gid)
        if src is None:
            continue
        locked = _meta(src).get("locked") or (_meta(src).get("grade") and not _meta(src).get("solution"))
        if locked and _without_hidden(cell.source) != _without_hidden(src.source):
            flags.append(f"locked cell '{gid}' edited; nbgrader graded the original instead")
    # answer code: solution cells, or every unmarked code cell when the metadata is gone
    src_text = {c.source for c in source.cells}
    answers = [
        (i, c)
        for i, c in enumerate(submitted.cells)
        if c.cell_type == "code" and (_meta(c).get("solution") or (not _meta(c) and c.source not in src_text))
    ]
    for pattern, reason in CODE_PATTERNS:
        where = []
        for i, cell in answers:
            src = src_cells.get(_meta(cell).get("grade_id"))
            if pattern.search(cell.source) and not (src is not None and pattern.search(src.source)):
                where.append(_name(cell, i))
        if where:
            flags.append(f"{reason}: {', '.join(where)}")
    return flags


def skipped_flags(skipped: list) -> list[str]:
    """One flag per mechanism that the scoring run skipped (it never ran; the learner's code tried).

    ``skipped``: (notebook, cell, line, mechanism) from the worker
    (:mod:`rmc_course.grading.definitions`), or (notebook, cell, line, mechanism, definition) for a
    kept definition whose body reaches for the same things (flagged, not skipped)."""
    where: dict[str, list[str]] = {}
    inside: dict[str, list[str]] = {}
    for _notebook, cell, line, mechanism, *definition in skipped:
        spot = f"{cell} line {line}" + (f" ({definition[0]})" if definition else "")
        spots = (inside if definition else where).setdefault(mechanism, [])
        if spot not in spots:
            spots.append(spot)
    return [
        f"top-level code that {mechanism} (skipped when grading, so it scored nothing): {', '.join(spots)}"
        for mechanism, spots in where.items()
    ] + [
        f"a definition whose code {mechanism} (graded functions may not; refused if a check calls it): "
        + ", ".join(spots)
        for mechanism, spots in inside.items()
    ]


def output_flags(nb, limits: Limits) -> list[str]:
    """What the executed (autograded) notebook shows: timeouts, dead kernels, limits hit."""
    flags, not_run = [], 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        name = _name(cell, index)
        for out in cell.get("outputs", []):
            if out.get("output_type") != "error":
                continue
            ename, evalue = out.get("ename", ""), str(out.get("evalue", ""))
            if ename == KERNEL_DIED:
                if evalue.startswith("not run"):
                    not_run += 1
                else:
                    flags.append(f"'{name}': {evalue}")
            elif ename == "IntegrityError":  # rmc_course.guard: the learner's code changed what grading relies on
                flags.append(f"'{name}': {evalue.splitlines()[0][:300] if evalue else ename}")
            elif ename == "CellTimeoutError":
                flags.append(f"'{name}': timed out after {limits.cell_timeout} s and was interrupted")
            elif ename == "KeyboardInterrupt":
                flags.append(f"'{name}': interrupted (cell time limit {limits.cell_timeout} s)")
            elif ename == "MemoryError" or "can't allocate memory" in evalue or "Cannot allocate memory" in evalue:
                flags.append(f"'{name}': memory limit ({limits.memory_mb} MB) hit")
            elif "File too large" in evalue:
                flags.append(f"'{name}': file size limit ({limits.file_mb} MB per file) hit")
            elif "Resource temporarily unavailable" in evalue or "can't start new thread" in evalue:
                flags.append(f"'{name}': process limit ({limits.processes}) hit")
            elif ename in ("PermissionError", "FileNotFoundError", "OSError") and not _meta(cell).get("grade"):
                flags.append(f"'{name}': file access failed ({ename}: {evalue[:100]})")
    if not_run:
        flags.append(f"{not_run} later cell(s) not run because the kernel had died")
    return flags
