"""The misconception bank: every entry loses its exercise's points, visible and hidden, with a
message that names it; and the bank covers the mistakes the course promises to diagnose."""

from __future__ import annotations

import pytest

from rmc_course.exercises.registry import CHECKS, MISCONCEPTIONS
from rmc_course.guard import CheckFailed

# The mistakes the course promises to diagnose (issue list), by bank key.
REQUIRED = {
    "softmax-query-axis",  # softmax over the query axis
    "no-sqrt-dk",  # no 1/sqrt(d_k)
    "split-qkv-before-heads",
    "merge-no-transpose",  # heads split or merged in the wrong order
    "tiled-instead-of-appended",
    "appended-instead-of-tiled",  # tiled vs appended, both ways
    "input-row-not-dropped",
    "gates-from-new-memory",
    "gates-tanh-missing",  # tanh missing on the memory in the gates
    "forget-bias-missing",
    "input-bias-missing",
    "layernorm-before-residual",
    "attention-discarded",
    "step-attention-discarded",  # the seed's own bug, in 4.1 and 4.2
    "ranks-from-nearest",
}


def test_bank_keys_are_unique_and_cover_the_promised_mistakes():
    keys = [entry.key for entry in MISCONCEPTIONS]
    assert len(keys) == len(set(keys))
    assert REQUIRED <= set(keys), sorted(REQUIRED - set(keys))
    assert {entry.exercise for entry in MISCONCEPTIONS} <= set(CHECKS)


@pytest.mark.parametrize("entry", MISCONCEPTIONS, ids=lambda entry: f"{entry.exercise}-{entry.key}")
def test_misconception_loses_its_points_and_is_named(entry):
    check = CHECKS[entry.exercise]
    for hidden in (False, True):
        with pytest.raises(CheckFailed) as failure:
            check(entry.function, hidden=hidden)
        message = str(failure.value)
        assert f"Exercise {entry.exercise}" in message
        assert f"Likely cause, {entry.name}:" in message, message


def test_the_instructor_doc_lists_every_entry():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "exercises.md").read_text()
    missing = [entry.key for entry in MISCONCEPTIONS if f"`{entry.key}`" not in doc]
    assert missing == [], "add these bank entries to the table in docs/exercises.md"
