"""Repository-wide pytest set-up: which notebooks nbval executes, and how.

`make test` (and plain `pytest` at the repo top) collects `tests/`, `notebooks/` and, once it
exists, `solutions/` (pyproject's `testpaths`); `--nbval-lax --nbval-current-env` come from
pyproject's `addopts`. nbval runs every notebook top to bottom in a fresh kernel of this
environment and compares only the outputs of cells marked `# NBVAL_CHECK_OUTPUT`, after the
substitutions in `tests/nbval_sanitize.cfg` (timings, memory addresses, progress bars).
"""

from pathlib import Path

REPO = Path(__file__).resolve().parent
NBVAL_SANITIZE = REPO / "tests" / "nbval_sanitize.cfg"

# exercises/ is the nbgrader release: its stubs raise NotImplementedError until a learner fills
# them in, so running it would always fail. solutions/ (the nbgrader source) is tested instead.
# Dot folders (.ipynb_checkpoints, .venv, .jupyter-local) are skipped by pytest's default
# norecursedirs; the glob below also covers a checkpoint folder named on the command line.
collect_ignore_glob = ["exercises/*", "*/.ipynb_checkpoints/*"]


def pytest_configure(config):
    """Use the course's sanitize file unless one is given, whatever the working folder."""
    if getattr(config.option, "nbval_sanitize_with", "absent") is None:
        config.option.nbval_sanitize_with = str(NBVAL_SANITIZE)
