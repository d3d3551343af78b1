"""Every solution notebook validates at full marks through nbgrader's Validator API (the
`nbgrader validate` command exits 0 even when tests fail, so its exit code proves nothing)."""

from __future__ import annotations

import pytest
from support.exercise_tools import ASSIGNMENTS, graded_cells, source_notebook, validate

pytestmark = pytest.mark.slow  # nbgrader runs every solution notebook in a kernel


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_validates_at_full_marks(assignment):
    path = source_notebook(assignment)
    assert sum(cell.metadata.nbgrader.points for cell in graded_cells(path)) > 0
    assert validate(path) == {}
