"""nbgrader configuration of the course (nbgrader 0.9).

    solutions/<assignment>/<assignment>.ipynb   nbgrader *source*: solutions and hidden tests
    exercises/<assignment>/<assignment>.ipynb   nbgrader *release*, made by `make release`

Paths are relative to this file, so nbgrader works from any working directory once it finds
this config (run it from the repo top, or pass --config).
"""

import os

from nbconvert.preprocessors import Preprocessor

c = get_config()  # noqa: F821  (injected by traitlets when it loads this file)

COURSE_ROOT = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = "rmc-course"
c.CourseDirectory.root = COURSE_ROOT
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
# The real sqlite gradebook, in a file inside the course folder (gitignored). Not ":memory:":
# nbgrader opens the database from several places and an in-memory one would be empty in each.
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(COURSE_ROOT, "gradebook.db")

# Released stubs: nbgrader replaces each "### BEGIN SOLUTION ... ### END SOLUTION" region with
# this line. The `raise NotImplementedError("Exercise N.M: ...")` that names the exercise is
# written *after* the region in the source, so each stub keeps its own message and stays valid
# Python (in the solution it sits after a `return` and never runs).
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE"}

# Execution limits (validate, autograde): a cell of these exercises takes well under a second,
# a whole notebook a few seconds; the limits stop an endless loop, not a slow machine.
c.Execute.timeout = 120  # seconds per cell
c.Execute.startup_timeout = 120  # seconds for the kernel to start on a busy machine
c.Execute.interrupt_on_timeout = True


class HideHiddenTestTracebacks(Preprocessor):
    """Feedback must not reveal hidden tests.

    Autograding puts the hidden tests back into the test cells, and a failing cell's traceback
    quotes the lines around the failure. For the feedback HTML, nbgrader's ClearHiddenTests
    (below) removes the hidden region from the cell source; this preprocessor reduces every error
    output to its last line ("AssertionError: <the check's teaching message>"), which names what
    is wrong without quoting test code.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.enabled = True  # nbconvert preprocessors are off unless enabled

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    last = output.get("traceback", [""])[-1:] or [""]
                    output["traceback"] = last
        return cell, resources


def _feedback_preprocessors():
    from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
    from nbgrader.preprocessors import ClearHiddenTests, GetGrades

    return [GetGrades, ClearHiddenTests, HideHiddenTestTracebacks, CSSHTMLHeaderPreprocessor]


c.GenerateFeedback.preprocessors = _feedback_preprocessors()
