"""Grade a whole class with one command: ``python -m rmc_course.grading SUBMISSIONS``.

collect -> autograde (parallel, contained) -> one writer into the real gradebook -> feedback ->
``grades.csv``, ``flags.csv``, ``report.json`` and HTML feedback per student in ``--out``.
Exit status: 0 when every submission was graded or flagged with a reason (whatever the learners'
code did), 1 when the grading machinery failed for at least one submission, 2 when grading could
not start.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path

import nbformat

from . import causes as causemod
from . import flags as flagmod
from . import intake, sandbox
from .worker import grade_submission
from .writer import Writer


@dataclasses.dataclass
class Outcome:
    student: str
    assignment: str
    score: float | None = None
    max_score: float | None = None
    flags: list = dataclasses.field(default_factory=list)
    machinery: list = dataclasses.field(default_factory=list)
    seconds: float = 0.0  # in the worker (execute), per submission
    writer_seconds: float = 0.0  # in the writer (replay into the gradebook, feedback)
    feedback: list = dataclasses.field(default_factory=list)
    causes: list = dataclasses.field(default_factory=list)  # (test, cause id, points of the cell)


def find_course(start: Path) -> Path:
    """The folder holding nbgrader_config.py: ``start`` or the course this package ships in."""
    for folder in (start, *start.parents, Path(__file__).resolve().parents[2]):
        if (folder / "nbgrader_config.py").exists():
            return folder
    raise FileNotFoundError("no nbgrader_config.py found; pass --course")


def _local_results(jobs, workers):
    # fork: the workers start at once with nbgrader and torch already imported (a fresh
    # interpreter spends seconds importing them). Safe here: the main process has run no torch
    # operation (no thread pools yet) and holds no open gradebook session while it forks.
    ctx = get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        futures = {pool.submit(grade_submission, job): job for job in jobs}
        for fut in as_completed(futures):
            try:
                yield fut.result()
            except Exception as exc:  # noqa: BLE001 - a worker process died: machinery
                job = futures[fut]
                yield {
                    "student": job["student"],
                    "assignment": job["assignment"],
                    "ok": False,
                    "error": f"worker process failed: {exc!r}",
                    "notebooks": {},
                    "scores": {},
                    "seconds": 0.0,
                }


def _dask_results(jobs, scheduler):
    from distributed import Client
    from distributed import as_completed as dask_completed

    with Client(scheduler) as client:
        futures = [
            client.submit(
                grade_submission, job, pure=False, key=f"grade-{job['student']}-{job['assignment']}-{time.time_ns()}"
            )
            for job in jobs
        ]
        for fut in dask_completed(futures):
            try:
                yield fut.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker is a machinery failure
                job = jobs[futures.index(fut)]
                yield {
                    "student": job["student"],
                    "assignment": job["assignment"],
                    "ok": False,
                    "error": f"Dask task failed: {exc!r}",
                    "notebooks": {},
                    "scores": {},
                    "seconds": 0.0,
                }


def grade_class(
    submissions: Path,
    course: Path,
    out: Path,
    workers: int | None = None,
    scheduler: str | None = None,
    limits: sandbox.Limits = sandbox.Limits(),
    progress: bool = True,
    allow_uncontained: bool = False,
    definitions_only: bool = True,
) -> dict:
    """Grade every submission under ``submissions``; return the run's report (also written).

    ``definitions_only=False`` runs every line of the learner's cells as written (the learner-facing
    run), not only their definitions (:mod:`rmc_course.grading.definitions`): for testing the
    sandbox with hostile top-level code, never for real grading."""
    t0 = time.monotonic()
    _tools_on_path()
    submissions, course, out = submissions.resolve(), course.resolve(), out.resolve()
    mode = sandbox.detect()
    if mode != "full" and os.geteuid() == 0 and not allow_uncontained:
        raise RuntimeError(
            "running as root but the sandbox (unshare) is unavailable: learner code "
            "would run as root; pass --allow-uncontained to accept that"
        )
    writer = Writer(course, limits)
    assignments = writer.assignments()
    if not assignments:
        raise RuntimeError(f"no assignments in {writer.step_dir('source')}")
    subs, orphans = intake.scan(submissions, assignments)
    needed = sorted({s.assignment for s in subs})
    writer.ensure_definitions(needed)
    defs = writer.definitions_db(needed) if needed else ""
    hide = writer.grader_paths() + [str(submissions), str(out)]
    outcomes, jobs = {}, []
    for sub in subs:
        key = (sub.student, sub.assignment)
        outcomes[key] = Outcome(sub.student, sub.assignment, flags=list(sub.flags))
        source_nbs = {
            p.stem: nbformat.read(p, as_version=4) for p in (writer.step_dir("source") / sub.assignment).glob("*.ipynb")
        }
        for name in [n for n in sub.files if n.endswith(".ipynb")]:
            nb = nbformat.reads(sub.files[name].decode(), as_version=4)
            outcomes[key].flags += flagmod.static_flags(nb, source_nbs[name[:-6]])
            nb, note = intake.restore_stripped_metadata(nb, source_nbs[name[:-6]])
            if note:
                outcomes[key].flags.append(note)
            if nb is None:
                del sub.files[name]
            elif note:
                sub.files[name] = nbformat.writes(nb).encode()
        writer.collect(sub)
        if not any(name.endswith(".ipynb") for name in sub.files):
            writer.record_zero(sub, "no gradable notebook")
            outcomes[key].flags.append("no gradable notebook: scored 0")
            continue
        jobs.append(
            {
                "student": sub.student,
                "assignment": sub.assignment,
                "course_id": writer.course_id,
                "files": sub.encoded_files(),
                "source_files": writer.source_files(sub.assignment),
                "definitions_db": defs,
                "limits": dataclasses.asdict(limits),
                "hide": hide,
                "mode": None if scheduler else mode,
                "definitions_only": definitions_only,
            }
        )
    setup_seconds = time.monotonic() - t0
    workers = workers or os.cpu_count() or 1
    by_key = {(s.student, s.assignment): s for s in subs}
    results = _dask_results(jobs, scheduler) if scheduler else _local_results(jobs, min(workers, max(len(jobs), 1)))
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(jobs), desc="grading", unit="submission", file=sys.stderr)
    grade_t0 = time.monotonic()
    first_result = None
    known = None
    for res in results:
        first_result = first_result or time.monotonic() - grade_t0
        key = (res["student"], res["assignment"])
        oc, sub = outcomes[key], by_key[key]
        oc.seconds = res.get("seconds", 0.0)
        w0 = time.monotonic()
        try:
            if not res.get("ok"):
                raise RuntimeError(res.get("error") or "worker failed")
            scores = writer.replay(sub, res["notebooks"])
            if scores != res["scores"]:
                oc.machinery.append(f"scores differ between worker {res['scores']} and writer {scores}")
            auto = writer.step_dir("autograded") / sub.student / sub.assignment
            for path in sorted(auto.glob("*.ipynb")):
                executed = nbformat.read(path, as_version=4)
                oc.flags += flagmod.output_flags(executed, limits)
                known = known or causemod.known_causes()
                oc.causes += causemod.of_notebook(executed, known)
            oc.flags += flagmod.skipped_flags(res.get("skipped", []))
            oc.feedback = [str(p) for p in writer.feedback(sub)]
        except Exception as exc:  # noqa: BLE001 - record, keep grading the others
            oc.machinery.append(f"{type(exc).__name__}: {str(exc).strip()[:1500]}")
        oc.writer_seconds = time.monotonic() - w0
        if bar:
            bar.update(1)
            bar.set_postfix_str(f"{sub.student}/{sub.assignment}")
    if bar:
        bar.close()
    grade_seconds = time.monotonic() - grade_t0
    return _finish(
        writer,
        outcomes,
        orphans,
        out,
        course,
        {
            "containment": mode if not scheduler else "per worker (see results)",
            "workers": None if scheduler else workers,
            "scheduler": scheduler,
            "submissions": len(outcomes),
            "executed": len(jobs),
            "seconds_setup": round(setup_seconds, 2),
            "seconds_grading": round(grade_seconds, 2),
            "seconds_to_first_result": round(first_result or 0.0, 2),
            "seconds_total": round(time.monotonic() - t0, 2),
            "limits": dataclasses.asdict(limits),
        },
    )


def _finish(writer, outcomes, orphans, out, course, meta) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for key in sorted(outcomes):
        oc = outcomes[key]
        writer.set_flagged(oc.student, oc.assignment, bool(oc.flags or oc.machinery))
        oc.score, oc.max_score = writer.submission_score(oc.student, oc.assignment)
        if oc.score is None:
            oc.machinery.append("not in the gradebook after grading")
        rows.append(oc)
        dest = out / "feedback" / oc.student / oc.assignment
        if dest.exists():
            shutil.rmtree(dest)
        for path in oc.feedback:
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest / Path(path).name)
    with open(out / "grades.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["student", "assignment", "score", "max_score", "flagged", "reasons"])
        for oc in rows:
            reasons = oc.machinery + oc.flags
            w.writerow(
                [
                    oc.student,
                    oc.assignment,
                    "" if oc.score is None else f"{oc.score:g}",
                    "" if oc.max_score is None else f"{oc.max_score:g}",
                    "yes" if reasons else "no",
                    " | ".join(reasons),
                ]
            )
    with open(out / "flags.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["student", "assignment", "kind", "reason"])
        for oc in rows:
            for r in oc.machinery:
                w.writerow([oc.student, oc.assignment, "machinery", r])
            for r in oc.flags:
                w.writerow([oc.student, oc.assignment, "submission", r])
        for student, reason in orphans:
            w.writerow([student, "", "submission", reason])
    report = dict(meta)
    report["causes"] = causemod.write_report(rows, out, causemod.known_causes())
    report["results"] = [dataclasses.asdict(oc) for oc in rows]
    report["orphans"] = [{"student": s, "reason": r} for s, r in orphans]
    report["machinery_failures"] = sum(1 for oc in rows if oc.machinery)
    secs = [oc.seconds for oc in rows if oc.seconds]
    report["seconds_per_submission_worker"] = round(sum(secs) / len(secs), 2) if secs else None
    wsecs = [oc.writer_seconds for oc in rows if oc.writer_seconds]
    report["seconds_per_submission_writer"] = round(sum(wsecs) / len(wsecs), 2) if wsecs else None
    (out / "report.json").write_text(json.dumps(report, indent=1))
    return report


def print_summary(report: dict, out: Path, stream=sys.stdout) -> None:
    rows = report["results"]
    print(
        f"\nGraded {len(rows)} submission(s) with containment '{report['containment']}' in "
        f"{report['seconds_total']} s. Scores: {out / 'grades.csv'}; feedback: "
        f"{out / 'feedback'}",
        file=stream,
    )
    flagged = [r for r in rows if r["flags"] or r["machinery"]]
    if flagged or report["orphans"]:
        print(f"\nFlagged ({len(flagged) + len(report['orphans'])}):", file=stream)
        for r in flagged:
            score = "NOT GRADED" if r["score"] is None else f"{r['score']:g}/{r['max_score']:g}"
            print(f"  {r['student']}/{r['assignment']} [{score}]", file=stream)
            for reason in r["machinery"]:
                print(f"    - MACHINERY: {reason.splitlines()[0]}", file=stream)
            for reason in r["flags"]:
                print(f"    - {reason}", file=stream)
        for o in report["orphans"]:
            print(f"  {o['student']}: {o['reason']}", file=stream)
    top = [c for c in report.get("causes", []) if c["cause"] != "not-written"][:5]
    if top:
        print(f"\nTop causes ({out / 'causes.csv'}, {out / 'causes.png'}):", file=stream)
        for c in top:
            print(
                f"  {c['assignment']} {c['test']}: {c['cause']} - {c['what']} "
                f"({c['learners']} learner(s), {c['points_lost']:g} points)",
                file=stream,
            )
    if report["machinery_failures"]:
        print(
            f"\n{report['machinery_failures']} submission(s) could not be graded by the machinery; see report.json",
            file=stream,
        )


def build_parser() -> argparse.ArgumentParser:
    d = sandbox.Limits()
    p = argparse.ArgumentParser(
        prog="python -m rmc_course.grading",
        description="Grade a class: collect, autograde (contained, parallel), feedback, CSV.",
    )
    p.add_argument(
        "submissions", type=Path, help="folder with one sub-folder per student: <student>/<assignment>/*.ipynb"
    )
    p.add_argument(
        "--course",
        type=Path,
        default=None,
        help="nbgrader course folder (holds nbgrader_config.py; default: this course)",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=None,
        help="where grades.csv, flags.csv, report.json, feedback/ go (default: <course>/grades)",
    )
    p.add_argument("--workers", type=int, default=None, help="local worker processes (default: one per core)")
    p.add_argument("--scheduler", default=None, help="Dask scheduler address (tcp://host:8786): grade on its workers")
    p.add_argument("--memory-mb", type=int, default=d.memory_mb, help="address space per kernel")
    p.add_argument("--cpu-seconds", type=int, default=d.cpu_seconds, help="CPU time per kernel")
    p.add_argument("--wall-seconds", type=int, default=d.wall_seconds, help="wall-clock limit per notebook")
    p.add_argument("--cell-timeout", type=int, default=d.cell_timeout, help="seconds per cell")
    p.add_argument("--processes", type=int, default=d.processes, help="processes+threads per kernel")
    p.add_argument("--file-mb", type=int, default=d.file_mb, help="largest file a kernel may write (RLIMIT_FSIZE)")
    p.add_argument(
        "--disk-mb", type=int, default=d.disk_mb, help="total size of a kernel's scratch folder (measured every 0.1 s)"
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument(
        "--allow-uncontained", action="store_true", help="as root without a working unshare, run learner code anyway"
    )
    return p


def _tools_on_path() -> None:
    """nbgrader runs ``alembic`` by name: make this environment's tools come first."""
    bindir = os.path.dirname(sys.executable)
    if os.environ.get("PATH", "").split(os.pathsep)[0] != bindir:
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


def main(argv=None) -> int:
    import warnings

    args = build_parser().parse_args(argv)
    _tools_on_path()
    # nbgrader's own SQLAlchemy and nbformat warnings say nothing an instructor can act on
    warnings.filterwarnings("ignore", message=".*not in session.*")
    warnings.filterwarnings("ignore", message=".*missing an id field.*")
    try:
        course = (args.course or find_course(Path.cwd())).resolve()
        out = (args.out or course / "grades").resolve()
        limits = sandbox.Limits(
            memory_mb=args.memory_mb,
            cpu_seconds=args.cpu_seconds,
            wall_seconds=args.wall_seconds,
            cell_timeout=args.cell_timeout,
            processes=args.processes,
            file_mb=args.file_mb,
            disk_mb=args.disk_mb,
        )
        if not args.submissions.is_dir():
            raise FileNotFoundError(f"no such folder: {args.submissions}")
        report = grade_class(
            args.submissions,
            course,
            out,
            workers=args.workers,
            scheduler=args.scheduler,
            limits=limits,
            progress=not args.no_progress,
            allow_uncontained=args.allow_uncontained,
        )
    except Exception as exc:  # noqa: BLE001 - the machinery could not start
        print(f"grading could not run: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    print_summary(report, out)
    return 1 if report["machinery_failures"] else 0
