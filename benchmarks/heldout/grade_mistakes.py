"""Grade a round of held-out learner mistakes the way learners meet them, and table what they were told.

    python benchmarks/heldout/grade_mistakes.py benchmarks/heldout/mistakes_r1 [--out runs/mistakes_r1]

For each exercise folder of the round (``<exercise>/correct.py`` and one file per mistake), every
mistake becomes one student's notebook: the released exercise filled with ``correct.py``, the
mistake's defs replacing those of the same names (``tools/fill_notebook.py``); ``correct.py`` alone
is graded too (an honest answer must keep full marks). All are graded by the course's real grader
(``python -m rmc_course.grading``: contained kernels, the hidden tests). Written to ``--out``:

* ``mistakes.json``: per mistake its header (exercise, learner, downstream, cause), the score of the
  notebook, the points of the mistake's test cell and what it scored, and the message of that test
  cell's first error (what the feedback shows the learner);
* ``mistakes.md``: the same as a table, with an empty ``named`` column for a reader to fill:
  does the message name the actual mistake, so that a learner knows what to change?
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import heldout_grading
import nbformat

ROOT = heldout_grading.ROOT


def header(path: Path) -> dict:
    """The docstring fields of a mistake file: exercise, learner, cause, downstream, wrong_function."""
    text = path.read_text()
    doc = text.split('"""')[1] if text.startswith('"""') else ""
    fields = dict(re.findall(r"^(\w+): (.*)$", doc, re.M))
    return {key: fields.get(key, "") for key in ("exercise", "learner", "cause", "downstream", "wrong_function")}


def test_points(exercise: str) -> dict[str, float]:
    """{grade_id of a test cell: its points} of a released exercise."""
    nb = nbformat.read(ROOT / "exercises" / exercise / f"{exercise}.ipynb", as_version=4)
    out = {}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            out[meta["grade_id"]] = float(meta.get("points", 0))
    return out


def cell_scores(course: Path, student: str, exercise: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook("sqlite:///" + str(course / "gradebook.db"), "rmc-course") as gb:
        submission = gb.find_submission_notebook(exercise, exercise, student)
        return {grade.name: grade.score for grade in submission.grades}


def table(rows: list[dict], named: dict | None = None) -> list[str]:
    """The markdown table of a measure; ``named``: {file: {"named": "yes"|"no", "why": ...}} from a reader."""
    named = named or {}
    mistakes = [r for r in rows if r["kind"] == "mistake"]
    lost = sum(1 for r in mistakes if r["test_score"] is not None and r["test_score"] < r["test_points"])
    honest = [r for r in rows if r["kind"] == "correct"]
    head = (
        f"{len(mistakes)} mistakes; {lost} lose points on their test; "
        f"{sum(1 for r in honest if r['score'] == r['max_score'])} of {len(honest)} correct answers keep full marks."
    )
    if named:
        yes = [r for r in mistakes if named.get(r["file"], {}).get("named") == "yes"]
        down = [r for r in mistakes if r["downstream"].startswith("yes")]
        head += (
            f" Named: {len(yes)} of {len(mistakes)} ({len(yes) / len(mistakes):.0%}); weak learners "
            f"{sum(r['learner'] == 'weak' for r in yes)} of {sum(r['learner'] == 'weak' for r in mistakes)}, careful "
            f"{sum(r['learner'] == 'careful' for r in yes)} of {sum(r['learner'] == 'careful' for r in mistakes)}; "
            f"downstream {sum(r in yes for r in down)} of {len(down)}."
        )
    lines = [
        head,
        "",
        "| file | test | learner | downstream | cause | test score | message | named |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in mistakes:
        message = (r["message"] or "(no error: the test passed)").replace("\n", " ").replace("|", "\\|")
        cause = r["cause"].replace("|", "\\|")
        verdict = named.get(r["file"], {})
        shown = f"{verdict['named']}: {verdict.get('why', '')}".replace("|", "\\|") if verdict else ""
        lines.append(
            f"| `{r['file']}` | {r['exercise']} | {r['learner']} | {r['downstream'].split(' ')[0]} | {cause} | "
            f"{r['test_score']:g}/{r['test_points']:g} | {message[:600]} | {shown} |"
        )
    return lines


def main(argv=None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent / "mistakes_r1" / "tools"))
    from fill_notebook import fill

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "folder", type=Path, nargs="?", help="a round of mistakes: <exercise>/correct.py and <exercise>/NN_*.py"
    )
    p.add_argument("--out", type=Path, default=None, help="default runs/<folder name>")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument(
        "--table",
        nargs=2,
        metavar=("MEASURE_JSON", "NAMED_JSON"),
        help="only print the table of a measure (mistakes.json) with a reader's verdicts filled in",
    )
    args = p.parse_args(argv)
    if args.table:
        rows = json.loads(Path(args.table[0]).read_text())
        print("\n".join(table(rows, json.loads(Path(args.table[1]).read_text()))))
        return 0
    out = (args.out or ROOT / "runs" / args.folder.name).resolve()
    subs = out / "submissions"
    entries = []
    for folder in sorted(d for d in args.folder.iterdir() if (d / "correct.py").exists()):
        exercise = folder.name
        released = ROOT / "exercises" / exercise / f"{exercise}.ipynb"
        for path in [folder / "correct.py"] + sorted(folder.glob("[0-9]*.py")):
            student = f"{exercise}__{path.stem}"
            srcs = [folder / "correct.py"] + ([path] if path.name != "correct.py" else [])
            target = subs / student / exercise / f"{exercise}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(fill(released, [str(s) for s in srcs]), indent=1))
            entries.append({"file": f"{exercise}/{path.name}", "student": student, "assignment": exercise})
    report, course = heldout_grading.grade(subs, out, args.workers)
    rows = []
    for entry in entries:
        result = heldout_grading.result_of(report, entry["student"], entry["assignment"]) or {}
        entry.update(score=result.get("score"), max_score=result.get("max_score"), flags=result.get("flags", []))
        if entry["file"].endswith("/correct.py"):
            entry["kind"] = "correct"
        else:
            entry["kind"] = "mistake"
            entry.update(header(ROOT / "benchmarks" / "heldout" / args.folder.name / entry["file"]))
            grade_id = "test-" + entry["exercise"].replace(".", "-")
            points = test_points(entry["assignment"])
            scores = cell_scores(course, entry["student"], entry["assignment"])
            entry.update(
                test=grade_id,
                test_points=points.get(grade_id),
                test_score=scores.get(grade_id),
                message=heldout_grading.cell_error(course, entry["student"], entry["assignment"], grade_id),
            )
        rows.append(entry)
    (out / "mistakes.json").write_text(json.dumps(rows, indent=1))
    lines = table(rows)
    (out / "mistakes.md").write_text("\n".join(lines) + "\n")
    print(lines[0])
    print(f"written: {out / 'mistakes.json'}, {out / 'mistakes.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
