"""Grade one submission, anywhere: a local worker process or a Dask worker on another machine.

:func:`grade_submission` takes a self-contained job (the submission's files, a definitions-only
gradebook, the assignment's extra source files, the limits) and runs nbgrader's real
``autograde`` on a private one-student course, with every learner kernel contained
(:mod:`rmc_course.grading.sandbox`). It returns the executed notebooks and the scores it saw; it
never touches the course's real gradebook: the one writer (:mod:`rmc_course.grading.writer`)
replays the returned outputs into it.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import tempfile
import threading
import time
import traceback
from pathlib import Path

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute

from . import definitions, sandbox

KERNEL_DIED = "KernelDied"
# One submission at a time per process (the kernel's uid and the current job are per process),
# even in a Dask worker that runs several threads.
_ONE_AT_A_TIME = threading.Lock()


def _locked(cell) -> bool:
    """A cell of the course's (nbgrader restores its source): setup, test and read-only cells."""
    meta = cell.get("metadata", {}).get("nbgrader", {}) or {}
    return bool(meta.get("locked") or (meta.get("grade") and not meta.get("solution")))


def _kernel_end_reason(how: str | None, limits: sandbox.Limits) -> str:
    """Turn the sandbox's status line into words an instructor can act on."""
    if not how:
        return "the kernel stopped (no status from the sandbox)"
    if "SIGXCPU" in how:
        return f"CPU-time limit ({limits.cpu_seconds} s) reached"
    if "SIGKILL" in how and "signal" in how:
        return f"killed (SIGKILL): CPU-time ({limits.cpu_seconds} s) or memory limit"
    if how.startswith("exited with status"):
        return f"the kernel process {how} (os._exit or sys.exit at the process level?)"
    return how


class ContainedExecute(Execute):
    """nbgrader's Execute with contained kernels; a dead kernel costs the cells left, not the run.

    nbclient raises ``DeadKernelError`` when a kernel dies (``os._exit``, a limit, a crash) and
    nbgrader would then fail the whole submission. Here the cell that was running gets a
    ``KernelDied`` error output naming the cause, and every later code cell gets one saying it
    did not run, so nbgrader's SaveAutoGrades gives those cells 0 and keeps the earlier scores.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", sandbox.ContainedKernelManager)
        super().__init__(*args, **kwargs)
        self._dead_reason = None

    def preprocess(self, nb, resources=None, km=None):
        """Run the notebook with every unlocked code cell cut to its definitions (the scoring run,
        :mod:`rmc_course.grading.definitions`); the cells keep the learner's source, and an answer
        cell whose top-level code was skipped gets a line saying so."""
        self._dead_reason = None
        job = sandbox.CURRENT_JOB
        name = (resources or {}).get("unique_key", "notebook")
        if job is not None:
            job.notebook = name
        originals, notes = {}, {}
        if job is not None and not job.definitions_only:
            return super().preprocess(nb, resources, km)
        locked = [c for c in nb.cells if c.cell_type == "code" and _locked(c)]
        protected = set().union(*(definitions.bound_names(c.source) for c in locked)) | {"get_ipython"}
        modules = {}
        for cell in locked:
            modules.update(definitions.imported_modules(cell.source))
        learner_names = set().union(
            *(
                definitions.defined_names(c.source)
                for c in nb.cells
                if c.cell_type == "code" and not _locked(c) and c.source.strip()
            )
        )
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code" or _locked(cell) or not cell.source.strip():
                continue
            kept = definitions.definitions_only(cell.source, protected, modules, learner_names)
            originals[index], notes[index] = cell.source, kept.note()
            cell.source = kept.source
            where = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or f"cell {index + 1}"
            for skip in kept.skipped:
                if skip.mechanism and job is not None:
                    job.skipped.append((name, where, skip.line, skip.mechanism))
            for kept_def in kept.suspicious:
                if job is not None:
                    job.skipped.append((name, where, kept_def.line, kept_def.mechanism, kept_def.what))
        try:
            return super().preprocess(nb, resources, km)
        finally:
            for index, source in originals.items():
                cell = nb.cells[index]
                cell.source = source
                if notes[index]:
                    cell.outputs = [NotebookNode(output_type="stream", name="stdout", text=notes[index])] + list(
                        cell.get("outputs", [])
                    )

    def _kill_kernel(self):
        try:
            if self.km is not None:
                self.km.shutdown_kernel(now=True)
        except Exception:  # noqa: BLE001 - it is being killed because it misbehaves
            pass

    @staticmethod
    def _error(cell, evalue):
        cell.outputs.append(
            NotebookNode(output_type="error", ename=KERNEL_DIED, evalue=evalue, traceback=[f"{KERNEL_DIED}: {evalue}"])
        )

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or not cell.source.strip():
            return super().preprocess_cell(cell, resources, index)
        if self._dead_reason is not None:
            cell.outputs = []
            self._error(cell, f"not run: the kernel had died earlier ({self._dead_reason})")
            return cell, resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except (DeadKernelError, CellTimeoutError, RuntimeError, TimeoutError) as exc:
            # DeadKernelError: the kernel process is gone. The others: the kernel no longer
            # answers as a kernel should (e.g. forked copies of it talking on its sockets);
            # the sandbox is torn down below and nothing after this cell can be trusted.
            if not isinstance(exc, DeadKernelError):
                self._kill_kernel()
            job = sandbox.CURRENT_JOB
            how = None
            for _ in range(20):  # the sandbox's PID 1 writes its status as it exits
                how = job.read_status() if job is not None else None
                if how:
                    break
                time.sleep(0.1)
            self._dead_reason = _kernel_end_reason(how, job.limits if job else sandbox.Limits())
            if not isinstance(exc, DeadKernelError):
                self._dead_reason += f"; the grader saw {type(exc).__name__}: {exc}"[:300]
            self._error(cell, f"the kernel died while running this cell: {self._dead_reason}")
            return cell, resources


def autograde_config(course: Path, course_id: str, limits: sandbox.Limits, execute_cls):
    """The nbgrader configuration of a private one-student course (worker or writer)."""
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties,
        CheckCellMetadata,
        IgnorePattern,
        LimitOutput,
        SaveAutoGrades,
    )
    from traitlets.config import Config

    c = Config()
    c.CourseDirectory.root = str(course)
    c.CourseDirectory.course_id = course_id
    c.CourseDirectory.source_directory = "source"
    c.CourseDirectory.db_url = "sqlite:///" + str(course / "gradebook.db")
    c.Autograde.autograde_preprocessors = [
        execute_cls,
        IgnorePattern,
        ClearMetadataPreprocessor,
        LimitOutput,
        SaveAutoGrades,
        AssignLatePenalties,
        CheckCellMetadata,
    ]
    c.OverwriteCells.add_missing_cells = True  # a deleted graded cell comes back, scored
    c.Execute.timeout = limits.cell_timeout
    c.Execute.startup_timeout = 120
    c.Execute.interrupt_on_timeout = True
    c.Execute.kernel_name = "python3"
    return c


def write_files(folder: Path, files: dict) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))


def read_scores(db_path: Path, course_id: str, assignment: str, student: str) -> dict:
    """Per-notebook scores of one submission, from a gradebook file."""
    from nbgrader.api import Gradebook

    out = {}
    with Gradebook("sqlite:///" + str(db_path), course_id) as gb:
        sub = gb.find_submission(assignment, student)
        for nb in sub.notebooks:
            out[nb.name] = {g.name: g.score for g in nb.grades}
    return out


def grade_submission(job: dict) -> dict:
    """Autograde one (student, assignment) in a private course; never raises (see _grade)."""
    import warnings

    with _ONE_AT_A_TIME, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nbgrader's SQLAlchemy warnings; results say what matters
        return _grade(job)


def _grade(job: dict) -> dict:
    """Autograde one (student, assignment) in a private course; never raises.

    ``job`` keys: ``student``, ``assignment``, ``course_id``, ``files`` (name -> base64, the
    submission), ``source_files`` (name -> base64, the assignment's non-notebook source files),
    ``definitions_db`` (base64 of a gradebook holding the assignment definitions only),
    ``limits`` (dict of :class:`sandbox.Limits`), ``hide`` (grader paths the kernel must not see).
    """
    start = time.monotonic()
    student, assignment = job["student"], job["assignment"]
    limits = sandbox.Limits(**job["limits"])
    result = {
        "student": student,
        "assignment": assignment,
        "ok": False,
        "notebooks": {},
        "scores": {},
        "log": "",
        "error": None,
        "host": os.uname().nodename,
    }
    private = Path(tempfile.mkdtemp(prefix="rmcg-"))
    scratch_root = Path(tempfile.mkdtemp(prefix="rmcs-"))
    try:
        os.chmod(private, 0o700)
        mode = job.get("mode") or sandbox.detect()
        result["containment"] = mode
        course = private / "c"
        (course / "source" / assignment).mkdir(parents=True)
        (course / "gradebook.db").write_bytes(base64.b64decode(job["definitions_db"]))
        write_files(course / "source" / assignment, job["source_files"])
        submitted = course / "submitted" / student / assignment
        submitted.mkdir(parents=True)
        write_files(submitted, job["files"])
        # The kernel's working folder: a scratch copy of this one submission (plus the
        # assignment's data files), never the grader's private course.
        scratch = scratch_root / "w"
        scratch.mkdir()
        write_files(scratch, job["source_files"])
        write_files(scratch, job["files"])
        sandbox.prepare_scratch(scratch, mode)
        sandbox.CURRENT_JOB = sandbox.Job(
            scratch=scratch,
            private=private,
            hide=[str(private)] + list(job["hide"]),
            limits=limits,
            mode=mode,
            definitions_only=job.get("definitions_only", True),
        )

        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        cfg = autograde_config(course, job["course_id"], limits, ContainedExecute)
        api = NbGraderAPI(coursedir=CourseDirectory(config=cfg), config=cfg)
        out = api.autograde(assignment, student, force=True, create=True)
        result["log"] = out.get("log", "")
        if not out["success"]:
            lines = [line for line in result["log"].splitlines() if "Warning" not in line]
            causes = [line.strip() for line in lines if re.match(r"\s*\w+(Error|Exception)\b", line)]
            result["error"] = (
                "nbgrader autograde failed: " + (causes[-1] if causes else "?") + "\n" + "\n".join(lines)[-3000:]
            )
            return result
        autograded = course / "autograded" / student / assignment
        for path in sorted(autograded.glob("*.ipynb")):
            result["notebooks"][path.stem] = path.read_text()
        result["scores"] = read_scores(course / "gradebook.db", job["course_id"], assignment, student)
        result["skipped"] = [list(s) for s in sandbox.CURRENT_JOB.skipped]
        result["ok"] = True
    except Exception:  # noqa: BLE001 - a worker reports, the writer decides
        result["error"] = traceback.format_exc()
    finally:
        sandbox.CURRENT_JOB = None
        shutil.rmtree(private, ignore_errors=True)
        shutil.rmtree(scratch_root, ignore_errors=True)
        result["seconds"] = time.monotonic() - start
    return result
