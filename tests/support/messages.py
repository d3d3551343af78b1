"""The error messages every module of rmc_ref gives, as assertions the subject test files share.

<name> must have shape <expected>, got <actual>[: <hint>]     rmc_ref.shapes.check_shape
<name> must be <dtype> on <device> ..., got <dtype> on <device>  rmc_ref.shapes.check_dtype_device
<name> must be an integer >= <minimum>, got <value>           rmc_ref.shapes.check_positive_int
"""

from __future__ import annotations

import re

import pytest


def error_message(call, error: type[Exception] = ValueError) -> str:
    """The message of the ``error`` that ``call()`` raises (the test fails if it raises none)."""
    with pytest.raises(error) as info:
        call()
    return str(info.value)


def assert_shape_error(call, name: str, expected: str, actual: str, hint_word: str | None) -> None:
    """``call()`` says "<name> must have shape <expected>, got <actual>", then ": <hint>" containing
    ``hint_word``, or nothing more when ``hint_word`` is None."""
    message = error_message(call)
    head = f"{name} must have shape {expected}, got {actual}"
    if hint_word is None:
        assert message == head
    else:
        assert message.startswith(head + ": ") and hint_word in message, message


def assert_float32_refused(call, name: str) -> None:
    """A float64 model fed a float32 ``name`` names the expected and the actual dtype and device."""
    with pytest.raises(ValueError, match=f"^{name} must be torch.float64 on cpu .*got torch.float32 on cpu"):
        call()


def assert_bad_size_named(call, name: str) -> None:
    """``call()`` (given 0 for ``name``) says "<name> must be an integer >= <minimum>, got 0"."""
    message = error_message(call)
    assert re.match(rf"{re.escape(name)} must be an integer >= \d+, got 0$", message), message
