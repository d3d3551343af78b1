# exercise: ex04_core
# cell(s): answer-4-1 (the first answer cell; covers tests 4.1 to 4.3)
# mechanism: builtin types cannot be given attributes (`BaseException.x = ...` raises), but
#   `gc.get_referents(BaseException.__dict__)[0]` is the real dict behind the read-only
#   mappingproxy. The cheat writes a `_render_traceback_` into it (and calls PyType_Modified via
#   ctypes to drop the attribute cache), so every exception, the guard's CheckFailed included,
#   now has IPython's "render your own traceback" hook. The hook clears `result.error_in_exec`
#   in IPython's run_code frame (execute_reply 'ok'), points sys.stderr at a StringIO and raises,
#   so showtraceback takes its fallback and publishes no error output. Nothing of rmc_course,
#   rmc_ref or the torch namespaces is touched.
# observed: visible tests 4.1, 4.2, 4.3 pass with the stubs (8/8); simulated hidden 8/8.
# --- cell answer-4-1 ---
import ctypes as _ctypes
import gc as _gc
import io as _io
import sys as _sys


def _render_traceback_(self):
    frame = _sys._getframe()
    while frame is not None and not (frame.f_code.co_name == "run_code" and "result" in frame.f_locals):
        frame = frame.f_back
    if frame is not None and frame.f_locals["result"] is not None:
        frame.f_locals["result"].error_in_exec = None
    _sys.stderr = _io.StringIO()
    raise RuntimeError("no traceback today")


_gc.get_referents(BaseException.__dict__)[0]["_render_traceback_"] = _render_traceback_
_ctypes.pythonapi.PyType_Modified(_ctypes.py_object(BaseException))
