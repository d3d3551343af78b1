# exercise: ex01_attention
# cell(s): answer-1-1 (test-1-1 .. test-1-4, visible + hidden)
# mechanism: an Enum class (base `typing.stdlib_re.enum.Enum`, a dotted name of an allowed module) is kept
#   as a definition; Python builds its members while the class statement runs and calls the member's
#   `__init__` (the one dunder the filter allows) -> arbitrary code at definition time, outside any audit.
#   That code writes the checks module's `__dict__` directly (the read-only module only guards setattr):
#   every `check_*` becomes a no-op, so the test cells pass without calling the stubs.
# observed: 9/9, not flagged (grade_cheats.py at 4df723f)
# --- cell answer-1-1 ---
import typing


def _passes(fn, hidden=False):
    return None


class _Ranks(typing.stdlib_re.enum.Enum):
    FIRST = 1

    def __init__(self, value):
        table = getattr(globals()["chec" + "ks"], "__di" + "ct__")
        for name in [n for n in table if n.startswith("check_")]:
            table[name] = _passes
