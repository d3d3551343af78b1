"""The one gradebook writer: definitions, collect, replay into the real gradebook, feedback, CSV.

Only this process opens the course's gradebook for writing. Workers (local processes or Dask
workers) execute submissions in private one-student courses and send back executed notebooks;
here nbgrader's own ``autograde`` runs again on the real course with ``Execute`` replaced by
:class:`~rmc_course.grading.preprocessors.ReplayOutputs`, so the scores in the real gradebook are
computed by nbgrader's ``SaveAutoGrades`` exactly as in a plain ``nbgrader autograde``.
"""

from __future__ import annotations

import base64
import html
import os
import re
import shutil
import tempfile
from pathlib import Path

import nbformat

from . import preprocessors as pp
from .sandbox import Limits


def load_course_config(course: Path):
    """The course's ``nbgrader_config.py`` (if any), rooted at ``course``."""
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    cfg = Config()
    if (course / "nbgrader_config.py").exists():
        cfg = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    cfg.CourseDirectory.root = str(course)
    return cfg


def _feedback_preprocessors(configured):
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import ClearHiddenTests, GetGrades

    chain = list(configured) if configured else [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]
    names = [getattr(p, "__name__", str(p)).rsplit(".", 1)[-1] for p in chain]
    if "ClearHiddenTests" not in names:
        chain.insert(1 if "GetGrades" in names else 0, ClearHiddenTests)
        names = [getattr(p, "__name__", str(p)).rsplit(".", 1)[-1] for p in chain]
    # Redact before ClearHiddenTests: it needs the hidden regions to know what to remove.
    chain.insert(names.index("ClearHiddenTests"), pp.RedactHiddenTests)
    return chain


class Writer:
    """Owns the course's real gradebook for one grading run."""

    def __init__(self, course: Path, limits: Limits):
        from nbconvert.preprocessors import ClearMetadataPreprocessor
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory
        from nbgrader.preprocessors import (
            AssignLatePenalties,
            CheckCellMetadata,
            IgnorePattern,
            LimitOutput,
            SaveAutoGrades,
        )

        self.course = course
        self.cfg = load_course_config(course)
        self.cfg.Autograde.autograde_preprocessors = [
            pp.ReplayOutputs,
            IgnorePattern,
            ClearMetadataPreprocessor,
            LimitOutput,
            SaveAutoGrades,
            AssignLatePenalties,
            CheckCellMetadata,
        ]
        self.cfg.OverwriteCells.add_missing_cells = True
        configured = self.cfg.GenerateFeedback.get("preprocessors") if "GenerateFeedback" in self.cfg else None
        self.cfg.GenerateFeedback.preprocessors = _feedback_preprocessors(configured)
        self.cfg.ClearHiddenTests.enforce_metadata = False
        self.coursedir = CourseDirectory(config=self.cfg)
        self.api = NbGraderAPI(coursedir=self.coursedir, config=self.cfg)
        self.course_id = self.coursedir.course_id
        self.limits = limits
        self._hidden = {}

    # -- paths -------------------------------------------------------------------------------
    def step_dir(self, step: str) -> Path:
        return Path(self.coursedir.root) / getattr(self.coursedir, f"{step}_directory")

    @property
    def db_path(self) -> Path:
        url = self.coursedir.db_url
        if not url.startswith("sqlite:///") or url.endswith(":memory:"):
            raise RuntimeError(f"the gradebook must be a sqlite file, not {url!r}")
        return Path(url[len("sqlite:///") :])

    def grader_paths(self) -> list[str]:
        """Course paths a learner kernel must never see."""
        out = [str(self.step_dir(s)) for s in ("source", "submitted", "autograded", "feedback")]
        out += [str(self.db_path), str(self.db_path) + "-journal"]
        git = Path(self.coursedir.root) / ".git"  # its history holds the solutions too
        return out + ([str(git)] if git.exists() else [])

    def assignments(self) -> dict:
        """Assignment id -> notebook names, from the course's source folder."""
        src = self.step_dir("source")
        out = {}
        if src.is_dir():
            for folder in sorted(p for p in src.iterdir() if p.is_dir()):
                names = {nb.stem for nb in folder.glob("*.ipynb")}
                if names:
                    out[folder.name] = names
        return out

    # -- definitions -------------------------------------------------------------------------
    def ensure_definitions(self, assignment_ids) -> None:
        """Record each assignment's cells and points in the real gradebook.

        This is ``nbgrader generate_assignment`` with the release written to a throw-away
        folder, so the committed release (``exercises/``) is never rewritten by grading.
        """
        for aid in assignment_ids:
            with tempfile.TemporaryDirectory(prefix="rmc-release-") as tmp:
                old = self.coursedir.release_directory
                self.coursedir.release_directory = tmp
                try:
                    out = self.api.generate_assignment(aid, force=True, create=True)
                finally:
                    self.coursedir.release_directory = old
            if not out["success"]:
                raise RuntimeError(f"generate_assignment {aid} failed:\n{out.get('error')}\n{out.get('log')}")

    def definitions_db(self, assignment_ids) -> str:
        """A gradebook holding only the assignment definitions (no student data), base64."""
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory
        from traitlets.config import Config

        with tempfile.TemporaryDirectory(prefix="rmc-defs-") as tmp:
            root = Path(tmp)
            c = Config()
            c.CourseDirectory.root = str(root)
            c.CourseDirectory.course_id = self.course_id
            c.CourseDirectory.source_directory = "source"
            c.CourseDirectory.release_directory = "release"
            c.CourseDirectory.db_url = "sqlite:///" + str(root / "gradebook.db")
            for key in (
                "ClearSolutions",
                "ClearHiddenTests",
                "IncludeHeaderFooter",
                "LockCells",
                "ComputeChecksums",
                "SaveCells",
            ):
                if key in self.cfg:
                    c[key] = self.cfg[key]
            api = NbGraderAPI(coursedir=CourseDirectory(config=c), config=c)
            for aid in assignment_ids:
                shutil.copytree(self.step_dir("source") / aid, root / "source" / aid)
                out = api.generate_assignment(aid, force=True, create=True)
                if not out["success"]:
                    raise RuntimeError(f"generate_assignment {aid} (definitions) failed:\n{out.get('error')}")
            return base64.b64encode((root / "gradebook.db").read_bytes()).decode()

    def source_files(self, aid: str) -> dict:
        """The assignment's non-notebook source files (data a notebook may read), base64."""
        folder = self.step_dir("source") / aid
        out = {}
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix != ".ipynb" and ".ipynb_checkpoints" not in path.parts:
                out[str(path.relative_to(folder))] = base64.b64encode(path.read_bytes()).decode()
        return out

    def hidden_lines(self, aid: str) -> list[str]:
        if aid not in self._hidden:
            lines = []
            for nb_path in sorted((self.step_dir("source") / aid).glob("*.ipynb")):
                nb = nbformat.read(nb_path, as_version=4)
                for cell in nb.cells:
                    if cell.cell_type == "code":
                        lines.extend(pp.hidden_test_lines(cell.source))
            self._hidden[aid] = sorted(set(lines))
        return self._hidden[aid]

    # -- collect -----------------------------------------------------------------------------
    def collect(self, sub) -> None:
        """Put one validated submission into ``submitted/`` (replacing an earlier copy)."""
        dest = self.step_dir("submitted") / sub.student / sub.assignment
        if sub.origin is not None and dest.resolve() == sub.origin.resolve():
            # grading nbgrader's own submitted/ folder (after `nbgrader collect`): keep it as is,
            # except for notebooks the intake repaired (stripped metadata)
            for name, data in sub.files.items():
                if (dest / name).read_bytes() != data:
                    (dest / name).write_bytes(data)
            for path in dest.glob("*.ipynb"):  # rejected by the intake: kept, but not graded
                if path.name not in sub.files:
                    path.rename(path.with_name(path.name + ".rejected"))
            return
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        for name, data in sub.files.items():
            (dest / name).write_bytes(data)

    # -- record ------------------------------------------------------------------------------
    def record_zero(self, sub, reason: str) -> None:
        """A submission with nothing to run: in the gradebook with 0 for every graded cell."""
        from nbgrader.api import Gradebook

        with Gradebook(self.coursedir.db_url, self.course_id) as gb:
            gb.update_or_create_student(sub.student)
            submission = gb.update_or_create_submission(sub.assignment, sub.student)
            for nb in submission.notebooks:
                for grade in nb.grades:
                    grade.auto_score = 0
                    grade.needs_manual_grade = False
            gb.db.commit()
        for step in ("autograded", "feedback"):
            stale = self.step_dir(step) / sub.student / sub.assignment
            if stale.exists():
                shutil.rmtree(stale)

    def replay(self, sub, notebooks: dict) -> dict:
        """Autograde on the real course with the worker's outputs; return per-notebook scores."""
        pp.REPLAY.clear()
        pp.REPLAY.update({name: nbformat.reads(text, as_version=4) for name, text in notebooks.items()})
        try:
            out = self.api.autograde(sub.assignment, sub.student, force=True, create=True)
        finally:
            pp.REPLAY.clear()
        if not out["success"]:
            raise RuntimeError(
                "autograde (writer) failed:\n" + (out.get("error") or "") + (out.get("log") or "")[-2000:]
            )
        from .worker import read_scores

        return read_scores(self.db_path, self.course_id, sub.assignment, sub.student)

    def feedback(self, sub) -> list[Path]:
        """nbgrader's HTML feedback for one submission, checked for hidden-test source."""
        out = self.api.generate_feedback(sub.assignment, sub.student, force=True)
        if not out["success"]:
            raise RuntimeError("generate_feedback failed:\n" + (out.get("error") or ""))
        folder = self.step_dir("feedback") / sub.student / sub.assignment
        files = sorted(folder.glob("*.html"))
        hidden = self.hidden_lines(sub.assignment)
        for path in files:
            leaked = leaked_lines(path.read_text(errors="replace"), hidden)
            if leaked:
                path.unlink()
                raise RuntimeError(f"feedback {path.name} withheld: it quoted {len(leaked)} hidden-test line(s)")
        return files

    def set_flagged(self, student: str, aid: str, flagged: bool) -> None:
        """nbgrader's own flag on the submitted notebooks: the formgrader lists it."""
        from nbgrader.api import Gradebook, MissingEntry

        with Gradebook(self.coursedir.db_url, self.course_id) as gb:
            try:
                sub = gb.find_submission(aid, student)
            except MissingEntry:
                return
            for nb in sub.notebooks:
                nb.flagged = flagged
            gb.db.commit()

    def submission_score(self, student: str, aid: str):
        from nbgrader.api import Gradebook, MissingEntry

        with Gradebook(self.coursedir.db_url, self.course_id) as gb:
            try:
                sub = gb.find_submission(aid, student)
            except MissingEntry:
                return None, None
            return float(sub.score), float(sub.max_score)


def leaked_lines(text: str, hidden: list[str]) -> list[str]:
    """Hidden-test lines that occur in ``text``: raw, HTML-escaped, or once tags are removed
    (syntax highlighting splits source lines into many ``<span>`` elements)."""
    plain = html.unescape(re.sub(r"<[^>]+>", "", text))
    found = []
    for line in hidden:
        forms = {line, html.escape(line, quote=False), html.escape(line)}
        if any(f in text for f in forms) or line in plain:
            found.append(line)
    return found


def remove_tree(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path)
    os.makedirs(path, exist_ok=True)
