"""Seconds per submission and the speed-up from 1 to 2 grading workers, measured in one run.

    python benchmarks/grading_speedup.py [--students 8] [--workers 1 2]

Grades the same class (copies of a correct exercise-1 submission, generated from solutions/) once
per worker count, in a temporary copy of the course, and prints wall-clock seconds of the
grading phase (workers + the one writer, after set-up), seconds per submission, and the ratio.
Not part of the tests: it measures the machine, which is shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from support import grading_fixtures as gf  # noqa: E402  (tests/support/grading_fixtures.py)

from rmc_course.grading import cli, sandbox  # noqa: E402

ASSIGNMENT = "ex01_attention"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--students", type=int, default=8)
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = p.parse_args()
    warnings.simplefilter("ignore")
    rows = []
    with tempfile.TemporaryDirectory(prefix="rmc-bench-") as tmp:
        course = Path(tmp) / "course"
        (course / "solutions").mkdir(parents=True)
        shutil.copy(REPO / "nbgrader_config.py", course)
        shutil.copytree(REPO / "solutions" / ASSIGNMENT, course / "solutions" / ASSIGNMENT)
        src = nbformat.read(course / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
        data = gf.write(gf.solved(src))
        subs = Path(tmp) / "subs"
        for i in range(args.students):
            d = subs / f"student{i:03d}" / ASSIGNMENT
            d.mkdir(parents=True)
            (d / f"{ASSIGNMENT}.ipynb").write_bytes(data)
        for workers in args.workers:
            report = cli.grade_class(
                subs, course, Path(tmp) / f"out{workers}", workers=workers, limits=sandbox.Limits(), progress=False
            )
            assert report["machinery_failures"] == 0
            scores = {r["score"] for r in report["results"]}
            rows.append(
                {
                    "workers": workers,
                    "submissions": report["submissions"],
                    "seconds_grading": report["seconds_grading"],
                    "seconds_per_submission": round(report["seconds_grading"] / report["submissions"], 2),
                    "worker_seconds_per_submission": report["seconds_per_submission_worker"],
                    "writer_seconds_per_submission": report["seconds_per_submission_writer"],
                    "seconds_setup": report["seconds_setup"],
                    "seconds_to_first_result": report["seconds_to_first_result"],
                    "scores": sorted(scores),
                }
            )
    base = rows[0]["seconds_grading"]
    for row in rows:
        row["speedup_vs_first"] = round(base / row["seconds_grading"], 2)
    print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
