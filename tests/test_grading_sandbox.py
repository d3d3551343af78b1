"""The learner kernel's file view (rmc_course.grading.sandbox): a course cloned into a folder only
root may enter (``mktemp -d`` makes one) must still be readable by the learner's uid, without
changing any mode on the host."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from rmc_course.grading.sandbox import reachable_for_learner

LEARNER = 61234


@pytest.fixture
def tmp_path():
    """A folder every uid may enter, in /tmp (pytest's own tmp_path sits in a 0700 folder)."""
    folder = Path(tempfile.mkdtemp(dir="/tmp"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def test_a_kept_folder_others_may_not_enter_becomes_a_mask_with_its_entries_bound_back(tmp_path):
    course = tmp_path / "clone"
    (course / "rmc_ref").mkdir(parents=True)
    (course / ".venv").mkdir()
    (course / "README.md").write_text("x")
    course.chmod(0o700)
    keep, masks = reachable_for_learner([str(course)], LEARNER)
    assert str(course) in masks
    assert sorted(keep) == sorted(str(course / name) for name in (".venv", "README.md", "rmc_ref"))
    assert oct(course.stat().st_mode & 0o777) == "0o700"  # nothing changed on the host


def test_an_ancestor_others_may_not_enter_is_masked_and_the_kept_path_stays(tmp_path):
    private = tmp_path / "private"
    course = private / "course"
    course.mkdir(parents=True)
    private.chmod(0o700)
    keep, masks = reachable_for_learner([str(course)], LEARNER)
    assert masks == [str(private)] and keep == [str(course)]


def test_open_folders_and_the_learners_own_folder_are_kept_as_they_are(tmp_path):
    course = tmp_path / "open"
    course.mkdir()
    course.chmod(0o755)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    scratch.chmod(0o700)
    os.chown(scratch, LEARNER, LEARNER)
    keep, masks = reachable_for_learner([str(course), str(scratch)], LEARNER)
    assert keep == [str(course), str(scratch)] and masks == []


def test_the_owner_bits_count_for_the_learners_own_folder(tmp_path):
    odd = tmp_path / "odd"
    (odd / "inside").mkdir(parents=True)
    odd.chmod(0o007)  # others may enter, its owner (the learner) may not
    os.chown(odd, LEARNER, LEARNER)
    keep, masks = reachable_for_learner([str(odd)], LEARNER)
    assert masks == [str(odd)] and keep == [str(odd / "inside")]
