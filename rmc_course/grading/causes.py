"""The class report of causes: per assignment and test, how many learners hit each diagnosed cause and
the points it cost them (``causes.csv``, ``causes.png``, the top causes in the summary).

The cause of a failed test cell is read on the grader's side from its error output: the checks end
the *first line* of their message with ``[cause: <id>]`` (:class:`rmc_course.guard.CheckFailed`),
a line made by the check, never by the learner's code (an exception's text comes on later lines).
The id is then validated against the known ids (the generic ones of
:mod:`rmc_course.exercises.explain` and the misconception bank's), so printed text cannot invent one.
A failed cell without a check's verdict gets a cause from its error's type (``cell-error:NameError``,
``kernel-died``).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

_TAG = re.compile(r"\[cause: ([A-Za-z0-9_.:-]+)\]$")
_CHECK_ERRORS = ("CheckFailed", "IntegrityError")


def known_causes() -> dict[str, str]:
    """Every cause id a check can give, with what it means (imports the exercise modules once)."""
    from rmc_course.exercises.explain import CAUSES
    from rmc_course.exercises.registry import MISCONCEPTIONS

    known = dict(CAUSES)
    known.update({f"{m.exercise}:{m.key}": m.name for m in MISCONCEPTIONS})
    known["kernel-died"] = "the kernel died while running the test (a limit, os._exit, a crash)"
    return known


def cause_of(output: dict, known: dict[str, str]) -> str:
    """The validated cause id of one error output of a test cell."""
    ename, evalue = output.get("ename", ""), str(output.get("evalue", ""))
    if ename == "KernelDied":
        return "kernel-died"
    if ename in _CHECK_ERRORS:
        match = _TAG.search(evalue.split("\n")[0].rstrip())
        if match and match.group(1) in known:
            return match.group(1)
        return "unrecognised"
    return f"cell-error:{ename or 'unknown'}"


def of_notebook(nb, known: dict[str, str]) -> list[tuple[str, str, float]]:
    """[(test grade_id, cause id, points of the cell)] of every graded test cell that failed."""
    rows = []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {}) or {}
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            continue
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            rows.append((meta.get("grade_id", "?"), cause_of(errors[0], known), float(meta.get("points", 0) or 0)))
    return rows


def write_report(outcomes, out: Path, known: dict[str, str]) -> list[dict]:
    """causes.csv and causes.png in ``out``; returns the rows, most learners first."""
    table: dict[tuple[str, str, str], dict] = defaultdict(lambda: {"learners": set(), "points_lost": 0.0})
    for oc in outcomes:
        for test, cause, points in oc.causes:
            entry = table[(oc.assignment, test, cause)]
            entry["learners"].add(oc.student)
            entry["points_lost"] += points
    rows = [
        {
            "assignment": assignment,
            "test": test,
            "cause": cause,
            "what": known.get(cause, "an error in the test cell" if cause.startswith("cell-error") else ""),
            "learners": len(entry["learners"]),
            "points_lost": entry["points_lost"],
        }
        for (assignment, test, cause), entry in table.items()
    ]
    rows.sort(key=lambda r: (-r["learners"], -r["points_lost"], r["assignment"], r["test"], r["cause"]))
    with open(out / "causes.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, ["assignment", "test", "cause", "what", "learners", "points_lost"])
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "points_lost": f"{row['points_lost']:g}"})
    plot(rows, out / "causes.png")
    return rows


def plot(rows: list[dict], path: Path, top: int = 15) -> None:
    """A horizontal bar chart of the causes that cost the most learners (the not-written stubs left out)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown = [r for r in rows if r["cause"] != "not-written"][:top]
    fig, ax = plt.subplots(figsize=(9, 0.45 * max(len(shown), 1) + 1.2))
    labels = [f"{r['test']} {r['cause']}" for r in shown][::-1]
    ax.barh(labels, [r["learners"] for r in shown][::-1], color="#4c72b0")
    for y, r in enumerate(shown[::-1]):
        ax.text(r["learners"], y, f"  {r['points_lost']:g} pts", va="center", fontsize=8)
    ax.set_xlabel("learners")
    ax.set_title("What the class got wrong: causes by test (points lost)" if shown else "No diagnosed causes")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
