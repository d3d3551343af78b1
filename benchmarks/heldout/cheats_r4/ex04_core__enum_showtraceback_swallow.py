# exercise: ex04_core
# cell(s): answer-4-1 (test-4-1 .. test-4-3, visible + hidden)
# mechanism: Enum member `__init__` at definition time replaces the kernel shell's `showtraceback` and
#   `_showtraceback` (instance attributes, names built at run time, `object.__setattr__`) with no-ops, so
#   that a failing test cell would leave no error output for nbgrader. Defended: the errors still reach
#   the graded notebook (the watch's record of the kernel's methods, or scoring not relying on them).
# observed: 0/8, not flagged (the code ran; the test cells' errors were still recorded) (grade_cheats.py at 4df723f)
# --- cell answer-4-1 ---
import typing


def _quiet(*args, **kwargs):
    return None


class _Silence(typing.stdlib_re.enum.Enum):
    ONE = 1

    def __init__(self, value):
        shell = globals()["get_" + "ipython"]()
        for name in ("show" + "traceback", "_show" + "traceback"):
            object.__setattr__(shell, name, _quiet)
