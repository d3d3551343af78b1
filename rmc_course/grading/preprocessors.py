"""nbgrader preprocessors of the grading layer.

``ReplayOutputs`` stands in for nbgrader's ``Execute`` in the one writer's autograde: the
notebook was already executed by a (contained, possibly remote) worker, so the writer copies that
run's outputs into the notebook nbgrader has just sanitized, and nbgrader's own ``SaveAutoGrades``
scores them into the real gradebook.

``RedactHiddenTests`` makes sure no feedback file quotes a hidden test: it reduces error outputs
to their last line and removes every line of a hidden-test region from every output, including
what learner code printed (e.g. an IPython hook that echoes each cell it sees run).
"""

from __future__ import annotations

import html
import re

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool, Unicode

# notebook name -> executed notebook (NotebookNode), set by the writer around each autograde
REPLAY: dict = {}

BEGIN_HIDDEN = "BEGIN HIDDEN TESTS"
END_HIDDEN = "END HIDDEN TESTS"
MIN_REDACT_CHARS = 8  # shorter lines (")", "else:") are too common to mean anything
REDACTED = "[hidden test line removed]"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class ReplayMismatch(RuntimeError):
    """The worker's notebook does not line up with the writer's: a machinery error."""


class ReplayOutputs(Preprocessor):
    enabled = Bool(True)  # nbconvert's base Preprocessor is off unless enabled

    def preprocess(self, nb, resources):
        name = resources.get("unique_key")
        executed = REPLAY.get(name)
        if executed is None:
            raise ReplayMismatch(f"no executed notebook from the worker for {name!r}")
        if len(executed.cells) != len(nb.cells):
            raise ReplayMismatch(f"{name}: worker has {len(executed.cells)} cells, writer {len(nb.cells)}")
        for index, (mine, theirs) in enumerate(zip(nb.cells, executed.cells)):
            if mine.cell_type != theirs.cell_type or mine.source != theirs.source:
                raise ReplayMismatch(f"{name}: cell {index} differs between worker and writer")
            if mine.cell_type == "code":
                mine.outputs = theirs.get("outputs", [])
                mine.execution_count = theirs.get("execution_count")
        return nb, resources


def hidden_test_lines(source: str) -> list[str]:
    """The lines of every hidden-test region of one cell's source (stripped, long enough)."""
    lines, inside = [], False
    for line in source.splitlines():
        if BEGIN_HIDDEN in line:
            inside = True
        elif END_HIDDEN in line:
            inside = False
        elif inside and len(line.strip()) >= MIN_REDACT_CHARS:
            lines.append(line.strip())
    return lines


def redact_text(text: str, hidden: list[str]) -> str:
    for line in hidden:
        for form in (line, html.escape(line, quote=False), html.escape(line)):
            if form in text:
                text = text.replace(form, REDACTED)
    return text


class RedactHiddenTests(Preprocessor):
    """Remove hidden-test source from every output (feedback only)."""

    enabled = Bool(True)
    marker = Unicode(REDACTED).tag(config=True)

    def preprocess(self, nb, resources):
        hidden = []
        for cell in nb.cells:
            if cell.cell_type == "code":
                hidden.extend(hidden_test_lines(cell.source))
        hidden = sorted(set(hidden), key=len, reverse=True)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            for output in cell.get("outputs", []):
                kind = output.get("output_type")
                if kind == "error":
                    last = _ANSI.sub("", (output.get("traceback") or [""])[-1])
                    output["traceback"] = [redact_text(last, hidden)]
                    output["evalue"] = redact_text(output.get("evalue", ""), hidden)
                elif kind == "stream":
                    output["text"] = redact_text(output.get("text", ""), hidden)
                elif kind in ("execute_result", "display_data"):
                    data = output.get("data", {})
                    for mime, value in list(data.items()):
                        if isinstance(value, str):
                            data[mime] = redact_text(value, hidden)
                        elif isinstance(value, list):
                            data[mime] = [redact_text(v, hidden) for v in value]
        return nb, resources
