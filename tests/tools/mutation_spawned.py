"""Run mutmut's survivors against the tests that start other processes (after `make mutation`).

mutmut runs, per mutant, the tests that reached the mutated function during its first, clean run.
It cannot see the functions a test reaches in a child process (`torchrun`, `python -m
rmc_ref.train`), so those tests never run against a mutant, and code that only runs on a second
process (the distributed summary, process 1's silent loop) survives by construction. This script
gives each survivor of the mutmut run those tests too:

    .venv/bin/python tests/tools/mutation_spawned.py            # every survivor of the training code
    .venv/bin/python tests/tools/mutation_spawned.py NAME ...   # just these mutants

Each mutant is switched on as mutmut's workers do it (the MUTANT_UNDER_TEST variable read by the
trampolines in mutants/), inherited by the child processes, which import the mutated package
from mutants/. A trampoline only switches when the variable names its module; a child started
with `-m rmc_ref.train` runs only the package's `__main__.py` as the module `__main__`, and it
imports the mutated modules (`rmc_ref.train.cli`, `.loop`, ...) under their own names, so every
test runs with the mutant's own name. It first checks that the tests pass with no mutant on. Results go to
mutants/spawned-results.json ({mutant: "killed" | "survived"}), which
tests/tools/mutation_report.py reads: a mutant these tests kill counts as killed there.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MUTANTS = ROOT / "mutants"
RESULTS = MUTANTS / "spawned-results.json"
# the mutated modules of the training package (pyproject's [tool.mutmut] only_mutate)
TRAIN_MODULES = (
    "rmc_ref/train/config.py",
    "rmc_ref/train/loop.py",
    "rmc_ref/train/checkpoints.py",
    "rmc_ref/train/cli.py",
)
# the tests that start processes (kept out of mutmut's selection in pyproject's [tool.mutmut]):
# those whose children run `python -m rmc_ref.train` or import rmc_ref.train (torch.multiprocessing)
SPAWNING_TESTS = [
    "tests/test_distributed.py::test_torchrun_cli_trains_on_two_processes_and_process_0_writes",
    "tests/test_train_cli.py::test_cli_bad_value_as_a_process_creates_nothing",
    "tests/test_train_cli.py::test_help_runs_as_module",
    "tests/test_distributed.py::test_two_processes_hold_identical_weights_equal_to_one_process_with_the_whole_batch",
]


def _pytest(tests: list[str], mutant_variable: str, timeout: float, show: bool = False) -> int:
    env = dict(
        os.environ, MUTANT_UNDER_TEST=mutant_variable, PYTHONPATH=str(MUTANTS), OMP_NUM_THREADS="1", MPLBACKEND="Agg"
    )
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-o", "addopts=", "-n", "0", *tests],
            cwd=MUTANTS,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return -1
    if show and result.returncode != 0:
        print(result.stdout[-4000:], result.stderr[-2000:], sep="\n")
    return result.returncode


def run_tests(mutant: str, timeout: float, show: bool = False) -> tuple[int, float]:
    """The spawning tests in mutants/ with ``mutant`` on ('' = none); (exit code, seconds)."""
    start = time.perf_counter()
    code = _pytest(SPAWNING_TESTS, mutant, timeout, show)
    return code, time.perf_counter() - start


def survivors(modules: tuple[str, ...] = TRAIN_MODULES) -> list[str]:
    names = []
    for module in modules:
        meta = MUTANTS / f"{module}.meta"
        if not meta.exists():
            sys.exit(f"{meta.relative_to(ROOT)} is missing: run `make mutation` first")
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        names += [name for name, code in codes.items() if code == 0]
    return sorted(names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mutants", nargs="*", help="mutant names (default: every survivor of the training code)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per mutant (a hang counts as killed)")
    args = parser.parse_args(argv)
    names = args.mutants or survivors()
    code, seconds = run_tests("", args.timeout, show=True)
    if code != 0:
        sys.exit(f"the spawning tests fail with no mutant on (exit {code}): fix that first")
    print(f"no mutant: the {len(SPAWNING_TESTS)} tests pass in {seconds:.0f} s; {len(names)} mutants to run")
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    for number, name in enumerate(names, 1):
        code, seconds = run_tests(name, args.timeout)
        results[name] = "survived" if code == 0 else "killed"
        print(f"[{number}/{len(names)}] {name}: {results[name]} (exit {code}, {seconds:.0f} s)", flush=True)
        RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    killed = sum(results[name] == "killed" for name in names)
    print(f"{killed} of {len(names)} killed by the spawning tests; results in {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
