# exercise: ex05_nth_farthest
# cell(s): answer-5-1 (test-5-1, test-5-2, visible + hidden)
# mechanism: `@functools.cache(_hook)`: `cache(f)` returns a caching wrapper of `f`, which the decorator
#   line then calls with the stub -> `_hook(stub)` runs at definition time (and returns the stub
#   unchanged). `_hook` replaces the harness's `_run_check` and `assert_untouched` in the harness
#   module's writable `__dict__` with no-ops: every check "passes" without calling the stubs.
# observed: 6/6, not flagged (grade_cheats.py at 4df723f)
# --- cell answer-5-1 ---
import functools


def _nothing(*args, **kwargs):
    return None


def _hook(stub):
    harness = getattr(globals()["chec" + "ks"].run_check, "__glo" + "bals__")
    harness["_run_check"] = _nothing
    harness["assert_untouched"] = _nothing
    return stub


@functools.cache(_hook)
