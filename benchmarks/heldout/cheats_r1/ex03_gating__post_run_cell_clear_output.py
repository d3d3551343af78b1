# exercise: ex03_gating
# cell(s): answer-3-1 (the first answer cell; covers test 3.1 and 3.2)
# mechanism: an IPython `post_run_cell` callback runs after the cell's error has been published:
#   it sends `clear_output()` (nbclient, which nbgrader's Execute is, empties the cell's outputs
#   on it) and clears `error_in_exec` on the ExecutionResult it is handed, the very object
#   ipykernel reads afterwards to write the execute_reply, so the reply says 'ok' and nbgrader's
#   Execute.on_cell_executed appends no error output either.
# observed: visible tests 3.1 and 3.2 pass with the stubs (5/5, no output at all in the test
#   cells); simulated hidden calls also 5/5.
# --- cell answer-3-1 ---
from IPython.display import clear_output as _clear_output


def _tidy_after(result):
    if result is not None and not result.success:
        _clear_output()
        result.error_before_exec = None
        result.error_in_exec = None


get_ipython().events.register("post_run_cell", _tidy_after)
