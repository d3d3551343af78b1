"""Class grading on nbgrader: contained learner kernels, parallel or Dask workers, one writer.

``python -m rmc_course.grading SUBMISSIONS`` (``make grade SUBMISSIONS=dir``); see
docs/instructors.md. Modules: ``intake`` (read the submissions folder), ``sandbox`` (limits and
namespaces for learner kernels), ``worker`` (grade one submission anywhere), ``writer`` (the one
gradebook writer), ``flags`` (reasons to look at a submission), ``cli`` (the command).
"""


def _fast_alembic_head() -> None:
    """nbgrader asks the ``alembic`` program for the schema head every time it creates a
    gradebook file (a subprocess that takes seconds on a busy machine). Ask alembic's Python API
    instead, once: same answer, read from nbgrader's own migration scripts."""
    import functools
    from pathlib import Path

    import nbgrader
    import nbgrader.api
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    @functools.lru_cache(maxsize=1)
    def head() -> str:
        cfg = Config()
        cfg.set_main_option("script_location", str(Path(nbgrader.__file__).parent / "alembic"))
        return ScriptDirectory.from_config(cfg).get_current_head()

    nbgrader.api.get_alembic_version = head


_fast_alembic_head()
