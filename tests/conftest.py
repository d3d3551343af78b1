"""Shared pytest set-up: tests/ on sys.path (for ``support``), one torch thread, the ``slow`` marker."""

import os
import sys
from pathlib import Path

import pytest
import torch

# pytest's default import mode already puts a rootless test folder (and this conftest's folder) on
# sys.path; saying it here keeps `from support.helpers import randn` working from every test file,
# tests/e2e/ included, under any import mode and when a tool (mutmut) copies the tests elsewhere.
TESTS = str(Path(__file__).resolve().parent)
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)

# The feedback's probes stay silent when they fail on an odd learner result (the learner still gets the
# failure's own message); under test a failing probe is a bug, so it raises (rmc_course.exercises.harness).
os.environ["RMC_STRICT_PROBES"] = "1"


# `make test-fast` runs `pytest -m "not slow" tests`: the unit tests, in about a minute. Slow are the
# tests that run nbgrader or start other programs: class grading, kernels, JupyterHub, a browser,
# spawned processes and torchrun. Most carry the mark in their file (`pytestmark = pytest.mark.slow`
# or `@pytest.mark.slow`); these are marked here, by node id (parameters aside):
SLOW_TESTS = {
    "tests/test_architecture.py::test_the_reference_loads_no_course_dependency",  # a fresh interpreter per probe
    "tests/test_train_cli.py::test_help_runs_as_module",  # python -m rmc_ref.train in a child process
    "tests/test_train_cli.py::test_cli_bad_value_as_a_process_creates_nothing",  # likewise
    "tests/test_sweep.py::test_sweep_of_two_seeds_in_two_processes_writes_everything",  # 2 spawned workers
    "tests/test_sweep.py::test_a_diverging_sweep_exits_1_with_one_line_and_writes_no_summary",  # likewise
    "tests/test_distributed.py::test_two_processes_hold_identical_weights_equal_to_one_process_with_the_whole_batch",
    "tests/test_distributed.py::test_torchrun_cli_trains_on_two_processes_and_process_0_writes",  # torchrun
}


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "slow: runs nbgrader or starts other programs (kernels, JupyterHub, a browser, processes); "
        "make test-fast leaves it out",
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.nodeid.split("[")[0] in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True, scope="session")
def _one_torch_thread():
    """Test tensors are tiny: a second intra-op thread only adds synchronisation, and on a busy
    2-core machine it makes the suite several times slower."""
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)
