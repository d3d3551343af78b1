# exercise: ex05_nth_farthest
# cell(s): answer-5-1 (test-5-1)
# mechanism: an allowed import (rmc_ref) bound under the name NotImplementedError, so the stub's
#   `raise NotImplementedError(...)` would call the learner's choice. Probe only.
# observed: 0/6, flagged (uses rmc_ref; shadows the builtin NotImplementedError, skipped)
# --- cell answer-5-1 ---
from rmc_ref.tasks import NthFarthest as NotImplementedError
