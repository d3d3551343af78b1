"""The task-size ladder: the RMC against the parameter-matched LSTM at equal wall-clock, on
N-th Farthest tasks from 3 objects x 2 features up to the paper's 8 x 16 (issue 27).

    python -m rmc_course.ladder                 # the whole ladder; finished runs are skipped
    python -m rmc_course.ladder --rung 4x2      # one rung (make ladder RUNG=4x2)
    python -m rmc_course.ladder --plan          # what is finished, what is left, the time left
    python -m rmc_course.ladder --collect       # ladder.json, ladder.png, search.md from what is finished

A rung is one sweep of :mod:`rmc_course.sweep` (the showdown's configuration with the rung's task
size), in its own folder ``runs/ladder/o{N}f{F}/`` laid out exactly like a sweep's out-dir
(``sweep.json``, ``{rmc,lstm}_seed{S}.pt``, ``summary.json``, ``history.json``,
``evaluations.csv``, ``sweep.png``): a sweep run by hand can be adopted by copying its folder.

A rung's step budget is fixed once: the first time the rung is used, both models are timed
interleaved in one process on one thread (:func:`rmc_course.sweep.measure_step_costs`) and the
budget in minutes becomes a number of steps per model, stored in the rung's ``sweep.json``. From
then on the rung runs those steps; a rung missing locally but present in the shipped
``ladder.json`` takes the shipped steps (no timing), so reproducing a rung runs the same steps
with the same seeds on one thread each, and gives the same numbers. A (model, seed) whose
checkpoint exists is finished and skipped, so a stopped ladder continues where it stopped.

Minutes to 90% = the step of the first evaluation with relational accuracy >= 90%, times the
rung's timed seconds per step of that model (not the wall time, which depends on the load).
"""

from __future__ import annotations

import argparse
import dataclasses
import heapq
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import numpy as np
import torch

from rmc_course.shipped import ASSETS
from rmc_course.sweep import (
    EVALUATIONS,
    SHOWDOWN,
    SWEEP_FILE,
    TIMING_ROUNDS,
    TIMING_STEPS,
    Job,
    collect,
    measure_step_costs,
    plateau_exit,
    plateau_exit_threshold,
    run_jobs,
    step_budgets,
    summary_table,
)
from rmc_ref import __version__
from rmc_ref.train import (
    KINDS,
    TrainConfig,
    TrainingDiverged,
    checkpoint_path,
    make_task,
    resolve_models,
    torch_threads,
)

BUDGET_MINUTES = 15.0  # training minutes per run at the rung's timed speed (issue 27: at most 15)
TARGET = 0.9  # relational accuracy that counts as "learned"
DEFAULT_ROOT = Path("runs/ladder")
ASSETS_DIR = ASSETS / "ladder"
LADDER_FILE, PLOT_FILE, SEARCH_FILE = "ladder.json", "ladder.png", "search.md"
SHIP_MIN_SEEDS = 3  # checkpoints ship for a rung whose RMC median over >= 3 seeds reaches TARGET
SHIP_MAX_BYTES = 5 * 1024 * 1024
CONFIG_PER_RUN = ("steps", "eval_every")  # set per model by the budget, not part of a rung's configuration


class LadderError(ValueError):
    """A rung folder that does not fit the rung (another configuration), or a bad rung name."""


@dataclasses.dataclass
class Rung:
    """One task size of the ladder: the showdown's configuration with ``overrides`` (a search's choice)."""

    num_objects: int
    num_features: int
    seeds: tuple[int, ...] = (0, 1, 2)
    overrides: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.num_objects}x{self.num_features}"

    @property
    def folder(self) -> str:
        return f"o{self.num_objects}f{self.num_features}"

    def config(self) -> TrainConfig:
        return TrainConfig.from_dict(
            {**SHOWDOWN, **self.overrides, "num_objects": self.num_objects, "num_features": self.num_features}
        )


# 2 features: 3 seeds per model; 16 features: 1 seed per model unless something learns there (issue 27)
RUNGS: tuple[Rung, ...] = (
    Rung(3, 2),
    Rung(4, 2),
    Rung(5, 2),
    Rung(6, 2),
    Rung(4, 16, (0,)),
    Rung(6, 16, (0,)),
    Rung(8, 16, (0,)),
)


def parse_rung(text: str) -> Rung:
    """``"4x2"`` -> the ladder's rung of 4 objects x 2 features (any NxF is accepted, 3 seeds if unlisted)."""
    match = re.fullmatch(r"\s*(\d+)\s*x\s*(\d+)\s*", text)
    if not match:
        raise LadderError(f"a rung is OBJECTSxFEATURES, e.g. 4x2, got {text!r}")
    num_objects, num_features = int(match[1]), int(match[2])
    for rung in RUNGS:
        if (rung.num_objects, rung.num_features) == (num_objects, num_features):
            return dataclasses.replace(rung, overrides=dict(rung.overrides))
    return Rung(num_objects, num_features)


def _rung_of_folder(name: str) -> Rung | None:
    match = re.fullmatch(r"o(\d+)f(\d+)", name)
    return parse_rung(f"{match[1]}x{match[2]}") if match else None


def _normalised(config: Mapping[str, Any]) -> dict[str, Any]:
    """Every field of a config dict, with the defaults of fields added after it was saved (an older
    sweep.json or checkpoint has no ``warmup_steps``: it trained without warm-up)."""
    return TrainConfig.from_dict(config).to_dict()


def _config_key(config: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in _normalised(config).items() if key not in CONFIG_PER_RUN}


def _json(path: Path, data) -> None:
    path.write_text(json.dumps(data, indent=1) + "\n")


def _load_checkpoint_dict(path: Path) -> dict[str, Any]:
    """The plain dict of a checkpoint (history and config are all a summary needs; no model built)."""
    return torch.load(path, map_location="cpu", weights_only=True)


def fmt_duration(seconds: float) -> str:
    if seconds < 60:
        return "< 1 min"
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d} min"


# ---------------------------------------------------------------------------------------------
# the budget of a rung: fixed once, in its sweep.json


def load_shipped(assets: str | Path) -> dict[str, dict[str, Any]]:
    """The rungs of the shipped ``ladder.json`` in ``assets`` by name ({} when there is none)."""
    path = Path(assets) / LADDER_FILE
    if not path.exists():
        return {}
    return {rung["name"]: rung for rung in json.loads(path.read_text())["rungs"]}


def read_head(rung: Rung, folder: str | Path) -> dict[str, Any] | None:
    """The rung folder's ``sweep.json`` (None if it has none); :class:`LadderError` if it was made
    with another configuration than the rung's."""
    path = Path(folder) / SWEEP_FILE
    if not path.exists():
        return None
    head = json.loads(path.read_text())
    config = rung.config().to_dict()
    if _config_key(head["config"]) != _config_key(config):
        made = _normalised(head["config"])
        differ = sorted(k for k in _config_key(config) if made.get(k) != config[k])
        raise LadderError(
            f"{path} was made with another configuration than rung {rung.name}'s (differs in "
            f"{', '.join(differ)}): move the folder away or give the rung that configuration"
        )
    return head


def fix_budget(
    rung: Rung,
    folder: str | Path,
    *,
    budget_minutes: float = BUDGET_MINUTES,
    shipped: Mapping[str, Mapping[str, Any]] | None = None,
    steps: Mapping[str, int] | None = None,
    workers: int = 2,
    command: str | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """The rung's ``sweep.json`` (the sweep's head): read it if the folder has one, else make it.

    Made from, in this order: ``steps`` if given ({kind: steps}; both models are still timed, for
    the minutes to 90%), the shipped ladder's steps and timing for this rung (same configuration),
    or one interleaved timing run that converts ``budget_minutes`` into steps per model.
    """
    folder = Path(folder)
    path = folder / SWEEP_FILE
    config = rung.config()
    head = read_head(rung, folder)
    if head is not None:
        missing = [seed for seed in rung.seeds if seed not in head["seeds"]]
        if missing:
            head["seeds"] = sorted(set(head["seeds"]) | set(rung.seeds))
            _json(path, head)
        return head

    folder.mkdir(parents=True, exist_ok=True)
    task = make_task(config)
    resolved, counts = resolve_models(KINDS, task, config)
    record = (shipped or {}).get(rung.name)
    budget_seconds = 60.0 * budget_minutes
    if (
        steps is None
        and record
        and record.get("steps")
        and _config_key(record["config"]) == _config_key(config.to_dict())
    ):
        steps, costs, source = dict(record["steps"]), record["seconds_per_step"], "the shipped ladder.json"
        budget_seconds = record["budget_seconds"]
        describe = (
            f"{budget_seconds / 60:g} min of training each at the shipped timing (RMC {steps['rmc']:,}, "
            f"LSTM {steps['lstm']:,} steps)"
        )
        log(f"rung {rung.name}: the shipped ladder's budget, RMC {steps['rmc']:,} / LSTM {steps['lstm']:,} steps")
    else:
        log(
            f"rung {rung.name}: timing both models, interleaved in one process ({TIMING_ROUNDS} x "
            f"{TIMING_STEPS} steps each, one thread) ..."
        )
        with torch_threads(1):
            costs = measure_step_costs(task, resolved)
        if steps is None:
            steps, source = step_budgets(budget_seconds, costs), "timed"
            describe = f"{budget_minutes:g} min of training each"
        else:
            steps, source = {kind: int(steps[kind]) for kind in KINDS}, "given"
            budget_seconds = max(steps[kind] * costs[kind] for kind in KINDS)
            describe = ", ".join(f"{kind.upper()} {steps[kind]:,} steps" for kind in KINDS)
    ratio = costs["rmc"] / costs["lstm"]
    log(
        f"rung {rung.name}: seconds per step RMC {costs['rmc'] * 1e3:.1f} ms, LSTM {costs['lstm'] * 1e3:.1f} ms "
        f"(ratio {ratio:.2f}); RMC {steps['rmc']:,} steps, LSTM {steps['lstm']:,} steps"
    )
    head = {  # the keys of rmc_course.sweep.run_sweep's sweep.json, so sweep.collect reads the folder
        "what": "RMC vs parameter-matched LSTM on N-th Farthest at the same wall-clock budget",
        "command": command,
        "note": f"ladder rung {rung.name} (python -m rmc_course.ladder), budget from {source}",
        "task": {"name": "nth_farthest", "num_objects": task.num_objects, "num_features": task.num_features},
        "chance": task.chance,
        "shortcut_accuracy": task.shortcut_accuracy,
        "plateau_relational_accuracy": task.plateau_relational_accuracy,
        "relational": "a question is relational when its answer is not object m itself",
        "seeds": sorted(set(rung.seeds)),
        "config": config.to_dict(),
        "budget": {
            "budget_minutes": budget_seconds / 60.0,
            "describe": describe,
            "seconds_per_step": dict(costs),
            "step_cost_ratio_rmc_over_lstm": ratio,
            "steps": dict(steps),
            "timing": f"{TIMING_ROUNDS} rounds x {TIMING_STEPS} steps per model, interleaved, one process, "
            "one thread, after one warm-up round",
            "source": source,
        },
        "parameters": {kind: counts[kind]["total"] for kind in KINDS},
        "workers": workers,
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_before": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(),
            "torch": torch.__version__,
        },
        "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "rmc_ref_version": __version__,
    }
    _json(path, head)
    return head


def job_configs(head: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Each model's resolved config with its step budget, exactly as :func:`rmc_course.sweep.run_sweep` makes it."""
    config = TrainConfig.from_dict(head["config"])
    resolved, _ = resolve_models(list(head["parameters"]), make_task(config), config)
    return {
        kind: dataclasses.replace(
            resolved[kind], steps=int(steps), eval_every=max(1, int(steps) // EVALUATIONS)
        ).to_dict()
        for kind, steps in head["budget"]["steps"].items()
    }


def finished_runs(folder: str | Path, head: Mapping[str, Any]) -> dict[tuple[str, int], dict[str, Any]]:
    """{(kind, seed): checkpoint dict} of the runs of ``head`` whose checkpoint exists in ``folder``.

    Raises :class:`LadderError` for a checkpoint trained with another config or step budget.
    """
    folder = Path(folder)
    configs = job_configs(head)
    found = {}
    for kind in head["parameters"]:
        for seed in head["seeds"]:
            path = checkpoint_path(folder, kind, seed)
            if not path.exists():
                continue
            checkpoint = _load_checkpoint_dict(path)
            trained = _normalised(checkpoint["config"])
            if trained != configs[kind]:
                differ = sorted(k for k in configs[kind] if trained.get(k) != configs[kind][k])
                raise LadderError(
                    f"{path} was trained with another configuration than its rung's "
                    f"sweep.json (differs in {', '.join(differ)}): move it away"
                )
            found[(kind, int(seed))] = checkpoint
    return found


# ---------------------------------------------------------------------------------------------
# progress and the time left


def makespan(running: Sequence[float], queued: Sequence[float], workers: int) -> float:
    """Seconds until all work ends: ``running`` jobs' remaining seconds, then ``queued`` jobs in
    order, each on the first free one of ``workers`` processes."""
    slots = sorted(running)
    slots += [0.0] * max(0, workers - len(slots))
    heapq.heapify(slots)
    for seconds in queued:
        heapq.heappush(slots, heapq.heappop(slots) + seconds)
    return max(slots, default=0.0)


_PROGRESS_LINE = re.compile(r"^(\w+) seed (\d+) step (\d+) seconds (\d+): test acc ([\d.]+) relational ([\d.]+)")


@dataclasses.dataclass
class PlannedJob:
    rung: str
    job: Job
    seconds_per_step: float  # the rung's timed cost of this model

    @property
    def steps(self) -> int:
        return int(self.job.config["steps"])

    @property
    def label(self) -> str:
        return f"{self.rung} {self.job.kind}{self.job.seed}"

    def done(self) -> bool:
        return checkpoint_path(self.job.out_dir, self.job.kind, self.job.seed).exists()


class ProgressMonitor:
    """Reads the progress logs the jobs append to and prints, every ``every`` seconds, how far each
    run is and the time left (its speed against the timing, ``factor``, is re-estimated as runs report)."""

    def __init__(
        self,
        jobs: Sequence[PlannedJob],
        workers: int,
        factor: float = 1.0,
        every: float = 60.0,
        log: Callable[[str], None] = print,
    ):
        self.jobs, self.workers, self.factor, self.every, self.log = list(jobs), workers, factor, every, log
        self.logs = {job.job.progress_log for job in self.jobs if job.job.progress_log}
        self.offsets = {path: (os.path.getsize(path) if os.path.exists(path) else 0) for path in self.logs}
        self.partial = {path: "" for path in self.logs}
        self.state: dict[tuple[str, str, int], tuple[int, float, float]] = {}  # (log, kind, seed) -> step, s, rel
        self.announced: set[str] = set()
        self._last = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def poll(self) -> None:
        for path in self.logs:
            if not os.path.exists(path):
                continue
            with open(path) as handle:
                handle.seek(self.offsets[path])
                text = handle.read()
                self.offsets[path] = handle.tell()
            lines = (self.partial[path] + text).split("\n")
            self.partial[path] = lines.pop()
            for line in lines:
                match = _PROGRESS_LINE.match(line)
                if match:
                    self.state[(path, match[1], int(match[2]))] = (int(match[3]), float(match[4]), float(match[6]))

    def _progress(self, job: PlannedJob) -> tuple[int, float, float] | None:
        return self.state.get((job.job.progress_log, job.job.kind, job.job.seed))

    def seconds_left(self) -> float:
        reported = [(self._progress(job), job) for job in self.jobs if self._progress(job) and not job.done()]
        timed = sum(p[0] * job.seconds_per_step for p, job in reported if p[0] > 0)
        if timed > 0:
            self.factor = sum(p[1] for p, job in reported if p[0] > 0) / timed
        running, queued = [], []
        for job in self.jobs:
            if job.done():
                continue
            progress = self._progress(job)
            if progress is None:
                queued.append(job.steps * job.seconds_per_step * self.factor)
            else:
                running.append(max(0, job.steps - progress[0]) * job.seconds_per_step * self.factor)
        return makespan(running, queued, self.workers)

    def report(self) -> str:
        self.poll()
        for job in self.jobs:
            progress = self._progress(job)
            if job.done() and job.label not in self.announced:
                self.announced.add(job.label)
                relational = f": relational {progress[2]:.3f}" if progress else ""
                self.log(f"finished {job.label}{relational}")
        done = sum(job.done() for job in self.jobs)
        running = [
            f"{job.label} {self._progress(job)[0] / job.steps:.0%}"
            for job in self.jobs
            if self._progress(job) and not job.done()
        ]
        left = self.seconds_left()
        return (
            f"[{time.strftime('%H:%M')}] {done}/{len(self.jobs)} runs done"
            + (f"; running {', '.join(running)}" if running else "")
            + f"; about {fmt_duration(left)} left (at x{self.factor:.2f} the timed seconds per step)"
        )

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            self._last = self.report()
            self.log(self._last)

    def __enter__(self) -> "ProgressMonitor":
        if self.every > 0:
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
            last = self.report()
            if last != self._last:
                self.log(last)


# ---------------------------------------------------------------------------------------------
# running the ladder


def plan_ladder(
    rungs: Sequence[Rung],
    root: str | Path,
    *,
    heads: Mapping[str, Mapping] | None = None,
    nice: int = 0,
    progress: bool = True,
) -> tuple[list[PlannedJob], list[str], float]:
    """The runs still to do (rung order, seed-major as a sweep), a line per rung, and the speed
    factor of the finished runs (their training seconds over the timed ones; 1 if none)."""
    root = Path(root)
    jobs, lines, factors = [], [], []
    for rung in rungs:
        folder = root / rung.folder
        head = (heads or {}).get(rung.name) or read_head(rung, folder)
        if head is None:
            lines.append(
                f"  {rung.name:>5}: budget not fixed yet ({len(rung.seeds)} seeds x 2 models, "
                f"{BUDGET_MINUTES:g} min each once timed)"
            )
            continue
        configs, finished = job_configs(head), finished_runs(folder, head)
        costs = head["budget"]["seconds_per_step"] or {}
        for (kind, _), checkpoint in finished.items():
            seconds = checkpoint["history"]["seconds"][-1]
            if costs and costs.get(kind):
                factors.append(seconds / (checkpoint["config"]["steps"] * costs[kind]))
        todo = []
        for seed in rung.seeds:
            for kind in head["parameters"]:
                if (kind, seed) not in finished:
                    log = str(root / f"{rung.folder}.progress") if progress else None
                    jobs.append(
                        PlannedJob(
                            rung.name, Job(kind, seed, configs[kind], str(folder), nice, log), costs.get(kind) or 0.0
                        )
                    )
                    todo.append(f"{kind}{seed}")
        steps, ratio = head["budget"]["steps"], head["budget"].get("step_cost_ratio_rmc_over_lstm")
        budget = head["budget"]["describe"] + (f", ratio {ratio:.2f}" if ratio else "")
        done = ", ".join(f"{kind}{seed}" for kind, seed in sorted(finished)) or "none"
        lines.append(
            f"  {rung.name:>5}: RMC {steps['rmc']:,} / LSTM {steps['lstm']:,} steps ({budget}); "
            f"finished {done}; to run {' '.join(todo) or 'none'}"
        )
    return jobs, lines, (statistics.median(factors) if factors else 1.0)


def run_ladder(
    rungs: Sequence[Rung],
    root: str | Path = DEFAULT_ROOT,
    *,
    workers: int = 2,
    nice: int = 10,
    budget_minutes: float = BUDGET_MINUTES,
    assets: str | Path | None = ASSETS_DIR,
    steps: Mapping[str, int] | None = None,
    progress_every: float = 60.0,
    command: str | None = None,
    log: Callable[[str], None] = print,
) -> list[str]:
    """Run every unfinished (model, seed) of ``rungs``; return the labels of the runs trained.

    Budgets are fixed first for every rung (timed now, before any training starts, if new), then
    all runs go to one pool of ``workers`` processes (one torch thread each). Each rung folder
    that got new runs is collected (summary, history, CSV, plot, as a sweep), and, unless
    ``assets`` is None, the ladder's shipped files are rebuilt from everything finished.
    """
    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}")
    root = Path(root)
    shipped = load_shipped(assets) if assets is not None else {}
    heads = {
        rung.name: fix_budget(
            rung,
            root / rung.folder,
            budget_minutes=budget_minutes,
            shipped=shipped,
            steps=steps,
            workers=workers,
            command=command,
            log=log,
        )
        for rung in rungs
    }
    jobs, lines, factor = plan_ladder(rungs, root, heads=heads, nice=nice)
    log("the ladder:\n" + "\n".join(lines))
    if not jobs:
        log("nothing to run: every run of these rungs is finished")
    else:
        estimate = makespan([], [job.steps * job.seconds_per_step * factor for job in jobs], workers)
        log(
            f"{len(jobs)} runs to go on {workers} worker(s): about {fmt_duration(estimate)} "
            f"(x{factor:.2f} the timed seconds per step, from the finished runs)"
        )
    try:
        if jobs:
            with ProgressMonitor(jobs, workers, factor, progress_every, log):
                run_jobs([job.job for job in jobs], workers=min(workers, len(jobs)), show_progress=False)
    finally:
        trained = [job.label for job in jobs if job.done()]
        for rung in rungs:
            folder = root / rung.folder
            if any(job.rung == rung.name and job.done() for job in jobs) or (
                not (folder / "summary.json").exists() and any(folder.glob("*_seed*.pt"))
            ):
                summary = collect(folder, plot_name="sweep.png", command=command)
                log(f"rung {rung.name} ({folder}):\n{summary_table(summary)}")
        if assets is not None:
            collect_ladder(root, assets, rungs=rungs, command=command, log=log)
    return trained


# ---------------------------------------------------------------------------------------------
# collecting: ladder.json, ladder.png, search.md


def steps_to(history: Mapping[str, list], threshold: float = TARGET) -> int | None:
    """Step of the first evaluation with relational accuracy >= ``threshold``; None if never."""
    for step, accuracy in zip(history["step"], history["test_rel_acc"]):
        if accuracy >= threshold:
            return int(step)
    return None


def minutes_to(history: Mapping[str, list], seconds_per_step: float | None, threshold: float = TARGET) -> float | None:
    """Minutes to ``threshold`` at the timed ``seconds_per_step`` (not wall time); None if never reached."""
    steps = steps_to(history, threshold)
    if steps is None or seconds_per_step is None:
        return None
    return round(steps * seconds_per_step / 60.0, 4)


def _spread(values: Sequence[float]) -> dict[str, float] | None:
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def rung_record(folder: str | Path, threshold: float = TARGET) -> dict[str, Any]:
    """One entry of ``ladder.json`` from a rung folder's ``sweep.json`` and the checkpoints finished so far."""
    folder = Path(folder)
    head = json.loads((folder / SWEEP_FILE).read_text())
    task = make_task(TrainConfig.from_dict(head["config"]))
    budget = head["budget"]
    costs = budget.get("seconds_per_step") or {}
    runs = finished_runs(folder, head)
    record: dict[str, Any] = {
        "name": f"{task.num_objects}x{task.num_features}",
        "num_objects": task.num_objects,
        "num_features": task.num_features,
        "budget_seconds": None if budget.get("budget_minutes") is None else round(60.0 * budget["budget_minutes"], 3),
        "config": _config_key(head["config"]),
        "folder": str(folder),
        "chance": task.chance,
        "shortcut_accuracy": task.shortcut_accuracy,
        "plateau_relational_accuracy": task.plateau_relational_accuracy,
        "steps": dict(budget["steps"]),
        "seconds_per_step": costs or None,
        "step_cost_ratio": budget.get("step_cost_ratio_rmc_over_lstm"),
        "seeds": list(head["seeds"]),
    }
    exit_threshold = plateau_exit_threshold(task)
    for kind in head["parameters"]:
        seeds = sorted(seed for k, seed in runs if k == kind)
        histories = [runs[(kind, seed)]["history"] for seed in seeds]
        relational = [h["test_rel_acc"][-1] for h in histories]
        overall = [h["test_acc"][-1] for h in histories]
        exits = [plateau_exit(h, exit_threshold) for h in histories]
        record[kind] = {
            "parameters": head["parameters"][kind],
            "steps": budget["steps"][kind],
            "config": runs[(kind, seeds[0])]["config"] if seeds else None,
            "seeds": seeds,
            "relational": relational,
            "overall": overall,
            "steps_to_90": [steps_to(h, threshold) for h in histories],
            "minutes_to_90": [minutes_to(h, costs.get(kind), threshold) for h in histories],
            "plateau_exit_step": [e[0] if e else None for e in exits],
            "train_minutes": [round(h["seconds"][-1] / 60.0, 2) for h in histories],
            "relational_summary": _spread(relational),
            "overall_summary": _spread(overall),
        }
    finished = {kind: len(record[kind]["seeds"]) for kind in head["parameters"]}
    planned = len(head["seeds"])
    record["seeds_finished"] = {kind: f"{n}/{planned}" for kind, n in finished.items()}
    record["status"] = (
        "complete"
        if all(n == planned for n in finished.values())
        else "not started"
        if not any(finished.values())
        else "partial"
    )
    rmc = record.get("rmc", {}).get("relational") or []
    record["rmc_median_reaches_90"] = bool(len(rmc) >= SHIP_MIN_SEEDS and statistics.median(rmc) >= threshold)
    return record


def planned_record(rung: Rung) -> dict[str, Any]:
    """The ladder.json entry of a rung not started (its budget not fixed yet)."""
    config = rung.config()
    task = make_task(config)
    empty = {
        "seeds": [],
        "relational": [],
        "overall": [],
        "steps_to_90": [],
        "minutes_to_90": [],
        "relational_summary": None,
        "overall_summary": None,
    }
    return {
        "name": rung.name,
        "num_objects": rung.num_objects,
        "num_features": rung.num_features,
        "budget_seconds": 60.0 * BUDGET_MINUTES,
        "config": _config_key(config.to_dict()),
        "folder": None,
        "chance": task.chance,
        "shortcut_accuracy": task.shortcut_accuracy,
        "plateau_relational_accuracy": task.plateau_relational_accuracy,
        "steps": None,
        "seconds_per_step": None,
        "step_cost_ratio": None,
        "seeds": list(rung.seeds),
        "rmc": dict(empty),
        "lstm": dict(empty),
        "seeds_finished": {"rmc": f"0/{len(rung.seeds)}", "lstm": f"0/{len(rung.seeds)}"},
        "status": "not started",
        "rmc_median_reaches_90": False,
        "checkpoints": [],
    }


def _ship_checkpoints(record: dict[str, Any], folder: Path, assets: Path, log: Callable[[str], None]) -> list[str]:
    """Copy both models' checkpoints of a rung whose RMC median (>= 3 seeds) reaches 90% into ``assets``."""
    if not record["rmc_median_reaches_90"]:
        return []
    shipped = []
    for kind in KINDS:
        for seed in record[kind]["seeds"]:
            source = checkpoint_path(folder, kind, seed)
            if source.stat().st_size > SHIP_MAX_BYTES:
                log(f"not shipped: {source} is larger than {SHIP_MAX_BYTES // 2**20} MB")
                continue
            target = checkpoint_path(assets / folder.name, kind, seed)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            shipped.append(str(target.relative_to(assets)))
    return shipped


def collect_ladder(
    root: str | Path = DEFAULT_ROOT,
    assets: str | Path = ASSETS_DIR,
    *,
    rungs: Iterable[Rung] = RUNGS,
    search_dirs: Sequence[str | Path] = (),
    threshold: float = TARGET,
    command: str | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Write ``ladder.json``, ``ladder.png`` and ``search.md`` into ``assets``; return the ladder.

    Rungs: the ladder's own, every ``o{N}f{F}`` folder of ``root`` and every rung already in the
    shipped ``ladder.json``. A rung with a local folder is recomputed from its checkpoints; one
    without keeps its shipped entry (so collecting on a machine that ran one rung loses nothing);
    one neither run nor shipped is listed as not started.
    """
    root, assets = Path(root), Path(assets)
    assets.mkdir(parents=True, exist_ok=True)
    shipped = load_shipped(assets)
    wanted = {rung.name: rung for rung in [*RUNGS, *rungs]}
    if root.is_dir():
        for folder in sorted(root.iterdir()):
            rung = _rung_of_folder(folder.name)
            if rung is not None and (folder / SWEEP_FILE).exists():
                wanted.setdefault(rung.name, rung)
    for name in shipped:
        wanted.setdefault(name, parse_rung(name))
    records, local = [], []
    for name, rung in wanted.items():
        folder = root / rung.folder
        if (folder / SWEEP_FILE).exists():
            record = rung_record(folder, threshold)
            record["checkpoints"] = _ship_checkpoints(record, folder, assets, log)
            local.append(folder)
        elif name in shipped:  # every field of its config, as a recomputed rung lists them
            record = {**shipped[name], "config": _config_key(shipped[name]["config"])}
        else:
            record = planned_record(rung)
        records.append(record)
    records.sort(key=lambda r: (r["num_features"], r["num_objects"]))
    ladder = {
        "what": "RMC vs parameter-matched LSTM on N-th Farthest at the same wall-clock budget per run, "
        "over task sizes (issue 27)",
        "made_by": command or "python -m rmc_course.ladder --collect",
        "collected_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "target": threshold,
        "relational": "relational accuracy: on the questions whose answer is not object m itself; final "
        "evaluation of each run on its held-out set",
        "minutes_to_90": "steps to the first evaluation with relational accuracy >= target (one evaluation every "
        f"steps/{EVALUATIONS}) x the rung's timed seconds per step of the model (interleaved "
        "timing, one thread) / 60; null = not reached",
        "status": "complete: every planned seed of both models finished; partial: seeds_finished says which",
        "rungs": records,
    }
    _json(assets / LADDER_FILE, ladder)
    figure = plot_ladder(ladder)
    figure.savefig(assets / PLOT_FILE, dpi=100)
    write_search_table(assets / SEARCH_FILE, local, [Path(d) for d in search_dirs], threshold)
    log(ladder_table(ladder))
    log(f"wrote {assets / LADDER_FILE}, {assets / PLOT_FILE}, {assets / SEARCH_FILE}")
    return ladder


# ----------------------------------------------------------------------------- tables


def _fmt_spread(values: Sequence[float]) -> str:
    if not values:
        return "-"
    return f"{statistics.median(values):.1%} [{min(values):.1%}, {max(values):.1%}]"


def _fmt_minutes(values: Sequence[float | None]) -> str:
    if not values:
        return "-"
    return ", ".join("not reached" if v is None else f"{v:.1f}" for v in values)


def ladder_table(ladder: Mapping[str, Any]) -> str:
    """A markdown table of the ladder: per rung and model, median [min, max] over the seeds finished."""
    lines = [
        "| rung | status | ratio | plateau | model | seeds | steps | relational | overall | minutes to 90% |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for rung in ladder["rungs"]:
        ratio = f"{rung['step_cost_ratio']:.2f}" if rung.get("step_cost_ratio") else "-"
        for kind in KINDS:
            model = rung[kind]
            steps = f"{rung['steps'][kind]:,}" if rung.get("steps") else "-"
            lines.append(
                f"| {rung['name']} | {rung['status']} | {ratio} | {rung['plateau_relational_accuracy']:.1%} "
                f"| {kind.upper()} | {rung['seeds_finished'][kind]} | {steps} | "
                f"{_fmt_spread(model['relational'])} | {_fmt_spread(model['overall'])} | "
                f"{_fmt_minutes(model['minutes_to_90'])} |"
            )
    return "\n".join(lines)


def _reached(model: Mapping[str, Any], target: float) -> int:
    return sum(value >= target for value in model["relational"])


def _median_minutes(model: Mapping[str, Any]) -> str:
    minutes = [m for m in model["minutes_to_90"] if m is not None]
    return f"{statistics.median(minutes):.1f} min" if minutes else "-"


def rung_finding(rung: Mapping[str, Any], target: float = TARGET) -> str:
    """One sentence on a rung, computed from its record: who learns it within the budget, over how many seeds.

    Every number in the sentence is read from ``rung`` (nothing is typed by hand), so the lesson's story
    follows the shipped file as the ladder fills in.
    """
    rmc, lstm = rung["rmc"], rung["lstm"]
    n_rmc, n_lstm = len(rmc["relational"]), len(lstm["relational"])
    head = f"{rung['name']}"
    if not n_rmc and not n_lstm:
        return f"{head}: not run yet."
    k_rmc, k_lstm = _reached(rmc, target), _reached(lstm, target)
    counts = f"RMC {k_rmc}/{n_rmc} seeds reach {target:.0%}, LSTM {k_lstm}/{n_lstm}"
    if rung["status"] != "complete":
        counts += (
            f" (partial: seeds finished RMC {rung['seeds_finished']['rmc']}, LSTM {rung['seeds_finished']['lstm']})"
        )
    best = f"best relational RMC {max(rmc['relational'], default=0):.1%}, LSTM {max(lstm['relational'], default=0):.1%}"
    plateau = f"plateau {rung['plateau_relational_accuracy']:.1%}"
    all_rmc, all_lstm = n_rmc > 0 and k_rmc == n_rmc, n_lstm > 0 and k_lstm == n_lstm
    if not n_rmc or not n_lstm:
        ran, other = ("RMC", "LSTM") if n_rmc else ("LSTM", "RMC")
        model = rmc if n_rmc else lstm
        verdict = (
            f"so far only the {ran} has run ({other} not yet): {max(k_rmc, k_lstm)} of its "
            f"{len(model['relational'])} seeds reach {target:.0%} (best relational "
            f"{max(model['relational']):.1%}; {plateau}); no comparison yet"
        )
    elif all_rmc and all_lstm:
        verdict = (
            f"both models learn it within the budget; minutes to {target:.0%} (median): "
            f"RMC {_median_minutes(rmc)}, LSTM {_median_minutes(lstm)}"
        )
    elif k_rmc == 0 and k_lstm == 0:
        verdict = f"neither model leaves the plateau within the budget ({best}; {plateau})"
    elif all_rmc and k_lstm == 0:
        verdict = f"only the RMC learns it within the budget ({best})"
    elif all_lstm and k_rmc == 0:
        verdict = f"only the LSTM learns it within the budget ({best})"
    elif all_rmc or all_lstm:
        winner, other = ("RMC", "LSTM") if all_rmc else ("LSTM", "RMC")
        verdict = (
            f"the {winner} learns it with every seed, the {other} with only some: whether an {other} run "
            f"leaves the plateau within the budget depends on its seed ({best}; {plateau})"
        )
    elif k_rmc == 0 or k_lstm == 0:
        learner, other = ("RMC", "LSTM") if k_rmc else ("LSTM", "RMC")
        verdict = (
            f"only some of the {learner}'s seeds learn it within the budget and none of the {other}'s "
            f"({best}; {plateau})"
        )
    else:
        share_rmc, share_lstm = k_rmc / max(n_rmc, 1), k_lstm / max(n_lstm, 1)
        lead = (
            "so this rung separates neither model from the other"
            if share_rmc == share_lstm
            else f"more of the {'RMC' if share_rmc > share_lstm else 'LSTM'}'s seeds learn it, but not every seed"
        )
        verdict = (
            f"the seeds split: whether a run leaves the plateau within the budget depends on its seed, "
            f"{lead} ({best}; {plateau})"
        )
    return f"{head}: {verdict}. {counts}."


def ladder_frontier(ladder: Mapping[str, Any], target: float = TARGET) -> dict[str, str | None]:
    """Per model, the largest rung (most features, then most objects) whose median relational accuracy
    over its finished seeds (>= SHIP_MIN_SEEDS of them) reaches ``target``; None: no such rung."""
    frontier: dict[str, str | None] = {kind: None for kind in KINDS}
    for rung in sorted(ladder["rungs"], key=lambda r: (r["num_features"], r["num_objects"])):
        for kind in KINDS:
            values = rung[kind]["relational"]
            if len(values) >= SHIP_MIN_SEEDS and statistics.median(values) >= target:
                frontier[kind] = rung["name"]
    return frontier


_KNOWN_CONFIG = {
    "num_objects",
    "num_features",
    "mem_slots",
    "head_size",
    "num_heads",
    "num_blocks",
    "gate_style",
    "input_mode",
    "mlp_layers",
    "head_hidden",
    "lstm_hidden",
    "batch_size",
    "lr",
    "clip_grad_norm",
    "warmup_steps",
    "curriculum_start",
    "steps",
    "eval_every",
    "test_size",
    "threads",
    "device",
    "match",
}


def describe_config(kind: str, config: Mapping[str, Any], hidden_set: bool = False) -> str:
    """One line of a run's configuration (any field the search adds later is listed as key=value).

    ``config`` is a run's resolved config, whose ``lstm_hidden`` is always a number: ``hidden_set``
    says it was given (the sweep's own config had one), so it is not parameter-matched."""
    if kind == "rmc":
        model = (
            f"{config['mem_slots']} slots x {config['num_heads']} heads x {config['head_size']}, "
            f"{config['num_blocks']} block{'' if config['num_blocks'] == 1 else 's'}, gate {config['gate_style']}, input {config['input_mode']}, "
            f"mlp {config['mlp_layers']}"
        )
    else:
        model = f"hidden {config['lstm_hidden']} ({'set' if hidden_set else 'match ' + config['match']})"
    schedule = [f"warm-up {config['warmup_steps']:,} steps"] if config.get("warmup_steps") else []
    if config.get("curriculum_start") is not None:
        schedule.append(f"curriculum from {config['curriculum_start']} objects")
    rest = [f"{key}={config[key]}" for key in sorted(set(config) - _KNOWN_CONFIG)]
    return ", ".join(
        [
            model,
            f"head {config['head_hidden']}",
            f"batch {config['batch_size']}",
            f"lr {config['lr']:g}",
            f"clip {config['clip_grad_norm'] if config['clip_grad_norm'] is not None else '-'}",
            *schedule,
            f"test {config['test_size']}",
            *rest,
        ]
    )


SEARCH_HEADER = (
    "| source | model | seed | task | configuration | budget | steps | relational | overall | "
    "steps to 90% | minutes to 90% | kept |\n|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def fmt_against(value: float, target: float = TARGET) -> str:
    """``value`` as a percentage with one decimal, or with as many more as it takes for the printed
    number to stand on the same side of ``target`` as the value itself (0.8996 prints as 89.96%, not
    90.0%), so a reader of the table (and :func:`search_findings`) compares it with the bar exactly."""
    for digits in range(1, 8):
        text = f"{value:.{digits}%}"
        if (_percent(text) >= target) == (value >= target):
            return text
    return f"{value!r}"


def search_rows(folder: Path, kept: str, threshold: float = TARGET) -> list[str]:
    """One markdown row per finished run of a sweep folder (a rung or a search sweep)."""
    head = json.loads((folder / SWEEP_FILE).read_text())
    budget = head["budget"]
    costs = budget.get("seconds_per_step") or {}
    ratio = budget.get("step_cost_ratio_rmc_over_lstm")
    what = budget["describe"] + (f" (ratio {ratio:.2f})" if ratio else "")
    rows = []
    for (kind, seed), checkpoint in sorted(finished_runs(folder, head).items()):
        history, config = checkpoint["history"], checkpoint["config"]
        reached = steps_to(history, threshold)
        minutes = minutes_to(history, costs.get(kind), threshold)
        rows.append(
            f"| {folder} | {kind.upper()} | {seed} | {config['num_objects']}x{config['num_features']} | "
            f"{describe_config(kind, config, hidden_set=head['config'].get('lstm_hidden') is not None)} | "
            f"{what} | {config['steps']:,} | "
            f"{fmt_against(history['test_rel_acc'][-1], threshold)} | {history['test_acc'][-1]:.1%} | "
            f"{'not reached' if reached is None else f'{reached:,}'} | "
            f"{'not reached' if reached is None else 'untimed' if minutes is None else f'{minutes:.1f}'} | {kept} |"
        )
    return rows


def write_search_table(
    path: Path, rung_folders: Sequence[Path], search_dirs: Sequence[Path], threshold: float = TARGET
) -> None:
    """search.md: every run of the rung folders (kept: ladder) and of ``search_dirs`` (kept: no).

    Rows of the existing file whose source folder is not here (e.g. a search run on another
    machine) are kept as they are.
    """
    rows = {}
    sources = set()
    for folder, kept in [*((f, "ladder") for f in rung_folders), *((d, "no") for d in search_dirs)]:
        sources.add(str(folder))
        for row in search_rows(folder, kept, threshold):
            rows[tuple(cell.strip() for cell in row.split("|")[1:4])] = row
    if path.exists():
        for line in path.read_text().splitlines():
            cells = [cell.strip() for cell in line.split("|")[1:4]]
            if (
                line.startswith("| ")
                and len(cells) == 3
                and cells[0] not in sources
                and cells[0] not in ("source", "---")
                and not cells[0].startswith("---")
            ):
                rows.setdefault(tuple(cells), line)
    text = [
        "# The ladder's search table",
        "",
        "Every run, kept or not, with its configuration (made by `python -m rmc_course.ladder --collect`; "
        "`--search DIR...` adds the runs of other sweep folders). Relational and overall: the run's final "
        f"test accuracy. Steps to 90%: the first evaluation (one every steps/{EVALUATIONS}) with relational "
        "accuracy >= 90%; minutes: those steps x the timed seconds per step ('untimed': a run given fixed "
        "steps, with no timing of its own; its budget says what the steps stand for). Kept `ladder`: the run "
        "is a rung of ladder.json.",
        "",
        SEARCH_HEADER,
    ]
    text += [rows[key] for key in sorted(rows, key=lambda k: (k[0], k[1], int(k[2]) if k[2].isdigit() else 0))]
    path.write_text("\n".join(text) + "\n")


def read_search_table(path: str | Path) -> list[dict[str, str]]:
    """The rows of a search.md (as :func:`write_search_table` writes it), one dict per run, keyed by the
    table's own column names."""
    lines = [line for line in Path(path).read_text().splitlines() if line.startswith("| ")]
    if not lines:
        return []
    header = [cell.strip() for cell in lines[0].split("|")[1:-1]]
    rows = []
    for line in lines[1:]:
        cells = [cell.strip() for cell in line.split("|")[1:-1]]
        if len(cells) == len(header) and not cells[0].startswith("---"):
            rows.append(dict(zip(header, cells)))
    return rows


def _percent(text: str) -> float:
    return float(text.rstrip("%")) / 100 if text.endswith("%") else float("nan")


def _task_order(task: str) -> tuple[int, int]:
    """Sort key of a task name such as "4x16": features first, then objects (the ladder's order of size)."""
    rung = parse_rung(task)
    return rung.num_features, rung.num_objects


def _search_tasks(rows: Sequence[Mapping[str, str]]) -> list[str]:
    """The tasks that have search runs (kept: no), smallest first."""
    return sorted({r["task"] for r in rows if r.get("kept") != "ladder"}, key=_task_order)


def _runs_of(rows: Sequence[Mapping[str, str]], task: str, model: str) -> tuple[list, list]:
    """The search runs (kept: no) and the ladder's own runs (kept: ladder) of one task and model ("RMC")."""
    mine = [r for r in rows if r["task"] == task and r["model"] == model]
    return [r for r in mine if r.get("kept") != "ladder"], [r for r in mine if r.get("kept") == "ladder"]


def _exit_level(plateau: float) -> float:
    """The sweep's "left the plateau" (:func:`rmc_course.sweep.plateau_exit_threshold`) from a rung's plateau."""
    return (plateau + 1.0) / 2.0


def search_findings(rows: Sequence[Mapping[str, str]], ladder: Mapping[str, Any]) -> list[str]:
    """One sentence per task and model on the search's screening runs (kept: no): how many, what each
    changed from the ladder's configuration of that rung with the steps it trained (a screen timed on a busy
    machine gets fewer), and whether any reached 90% or left the plateau. Every number is read from the rows
    and the ladder (nothing typed by hand)."""
    screens = [r for r in rows if r.get("kept") != "ladder"]
    if not screens:
        return ["no search runs yet: every run in the table is a ladder rung"]
    rungs = {rung["name"]: rung for rung in ladder.get("rungs", [])}
    findings = []
    for task in _search_tasks(rows):
        plateau = rungs.get(task, {}).get("plateau_relational_accuracy")
        for model in ("RMC", "LSTM"):
            runs, rung_rows = _runs_of(rows, task, model)
            if not runs:
                findings.append(f"{task}, {model}: no search run yet")
                continue
            seeds = sorted({r["seed"] for r in runs}, key=int)
            own = [f"{r['relational']} on seed {r['seed']}" for r in rung_rows if r["seed"] in seeds]
            changes = [
                f"{change_from_rung(run, rung_rows)} {run['relational']} in {run['steps']} steps"
                + (f" (seed {run['seed']})" if len(seeds) > 1 else "")
                for run in sorted(runs, key=lambda r: -_percent(r["relational"]))
            ]
            reached = [r for r in runs if r["steps to 90%"] != "not reached"]
            best = max(_percent(r["relational"]) for r in runs)
            if reached:
                verdict = f"{len(reached)} of {len(runs)} reached 90% at an evaluation"
            elif plateau is not None and best < _exit_level(plateau):
                verdict = f"none leaves the plateau ({plateau:.1%}; left means >= {_exit_level(plateau):.1%})"
            else:
                verdict = "none reaches 90%"
            findings.append(
                f"{task}, {model}: {len(runs)} search run{'s' if len(runs) != 1 else ''} "
                f"(seed{'s' if len(seeds) != 1 else ''} {', '.join(seeds)}), {verdict}; relational accuracy by "
                "change from the ladder's configuration"
                + (f" (which got {', '.join(own)})" if own else "")
                + f": {'; '.join(changes)}"
            )
            findings.extend(_seed_set_sentences(seed_sets(runs, rung_rows, plateau), rung_rows))
    return findings


def change_from_rung(run: Mapping[str, str], rung_rows: Sequence[Mapping[str, str]]) -> str:
    """What a search run's configuration changes from the ladder's configuration of its rung (the parts of
    its one-line configuration that the rung's own runs do not have)."""
    base_parts = set(rung_rows[0]["configuration"].split(", ")) if rung_rows else set()
    parts = [part for part in run["configuration"].split(", ") if part not in base_parts]
    return " and ".join(parts) or "as the ladder"


def _count(text: str) -> int | None:
    return None if text == "not reached" else int(text.replace(",", ""))


def seed_sets(
    runs: Sequence[Mapping[str, str]], rung_rows: Sequence[Mapping[str, str]], plateau: float | None = None
) -> list[dict[str, Any]]:
    """The search runs of one task and model grouped by configuration, for each configuration run on >= 2
    seeds: its change from the rung, seeds, final relational accuracies (in the order of the seeds), their
    median, per seed the share of its steps it took to reach 90% (None: not reached), how many seeds ended
    off the rung's ``plateau`` (None: plateau not given), and whether it is claimed: >= SHIP_MIN_SEEDS seeds
    with a median >= TARGET (the issue's rule)."""
    by_config: dict[str, list[Mapping[str, str]]] = {}
    for run in runs:
        by_config.setdefault(run["configuration"], []).append(run)
    sets = []
    for config_runs in by_config.values():
        config_runs = sorted(config_runs, key=lambda r: int(r["seed"]))
        if len({r["seed"] for r in config_runs}) < 2:
            continue
        values = [_percent(r["relational"]) for r in config_runs]
        median = statistics.median(values)
        shares = [
            None if _count(r["steps to 90%"]) is None else _count(r["steps to 90%"]) / _count(r["steps"])
            for r in config_runs
        ]
        sets.append(
            {
                "change": change_from_rung(config_runs[0], rung_rows),
                "seeds": [r["seed"] for r in config_runs],
                "relational": values,
                "median": median,
                "share_of_steps_to_90": shares,
                "left_plateau": None if plateau is None else sum(v >= _exit_level(plateau) for v in values),
                "claimed": len(values) >= SHIP_MIN_SEEDS and median >= TARGET,
            }
        )
    return sets


def fmt_shares(shares: Sequence[float | None]) -> str:
    """Shares of a budget's steps as whole percentages, ``-`` for a run that never reached the bar."""
    return ", ".join("-" if share is None else f"{share:.0%}" for share in shares)


def _seed_set_sentences(sets: Sequence[Mapping[str, Any]], rung_rows: Sequence[Mapping[str, str]]) -> list[str]:
    """A sentence per configuration run on several seeds: median [min, max] against the rung's own seeds; a
    configuration is claimed (learns the rung) only over >= SHIP_MIN_SEEDS seeds with a median >= 90%."""
    own = [_percent(r["relational"]) for r in rung_rows]
    sentences = []
    for found in sets:
        values, n = found["relational"], len(found["relational"])
        reached = sum(share is not None for share in found["share_of_steps_to_90"])
        if found["claimed"]:
            verdict = f"over {n} seeds this configuration learns the rung (median >= {TARGET:.0%})"
        elif n >= SHIP_MIN_SEEDS:
            verdict = f"over {n} seeds its median stays below {TARGET:.0%}"
        else:
            verdict = f"fewer than {SHIP_MIN_SEEDS} seeds: nothing claimed yet"
        sentences.append(
            f"  {found['change']} on {n} seeds ({', '.join(found['seeds'])}): relational median "
            f"{found['median']:.1%} [{min(values):.1%}, {max(values):.1%}], "
            + ("" if found.get("left_plateau") is None else f"{found['left_plateau']} of {n} ended off the plateau, ")
            + f"{reached} of {n} reached 90% at an evaluation (after {fmt_shares(found['share_of_steps_to_90'])} "
            "of their steps)"
            + (
                f" (the rung's configuration: median {statistics.median(own):.1%} [{min(own):.1%}, {max(own):.1%}])"
                if own
                else ""
            )
            + f"; {verdict}"
        )
    return sentences


def paired_findings(rows: Sequence[Mapping[str, str]], ladder: Mapping[str, Any]) -> list[str]:
    """One line per task and change that the search ran for both models on >= 2 seeds each: the two models
    side by side (median [min, max], seeds off the plateau, seeds at 90%), the same budget of quiet minutes
    per run. Read from the rows and the ladder like :func:`search_findings`."""
    rungs = {rung["name"]: rung for rung in ladder.get("rungs", [])}
    lines = []
    for task in _search_tasks(rows):
        plateau = rungs.get(task, {}).get("plateau_relational_accuracy")
        by_model = {
            kind: {found["change"]: found for found in seed_sets(*_runs_of(rows, task, kind.upper()), plateau)}
            for kind in KINDS
        }
        for change in [c for c in by_model["rmc"] if c in by_model["lstm"]]:
            parts = []
            for kind in KINDS:
                found = by_model[kind][change]
                values = found["relational"]
                reached = sum(share is not None for share in found["share_of_steps_to_90"])
                parts.append(
                    f"{kind.upper()} {found['median']:.1%} [{min(values):.1%}, {max(values):.1%}] over seeds "
                    f"{', '.join(found['seeds'])} ("
                    + ("" if found["left_plateau"] is None else f"{found['left_plateau']} off the plateau, ")
                    + f"{reached} reached 90%)"
                )
            lines.append(f"{task}, {change}, both models at the rung's budget: relational median " + "; ".join(parts))
    return lines


def search_frontier(rows: Sequence[Mapping[str, str]]) -> dict[str, dict[str, Any] | None]:
    """Per model (``"rmc"``, ``"lstm"``), the largest task (most features, then most objects) on which the
    search claims a configuration (see :func:`seed_sets`), with those configurations: ``{"rung": "4x2",
    "configurations": [{"change", "median", "share_of_steps_to_90", ...}]}``; None: nothing claimed yet.
    Compare with :func:`ladder_frontier`, the frontier of the ladder's own configuration."""
    frontier: dict[str, dict[str, Any] | None] = {kind: None for kind in KINDS}
    for task in _search_tasks(rows):
        for kind in KINDS:
            claimed = [found for found in seed_sets(*_runs_of(rows, task, kind.upper())) if found["claimed"]]
            if claimed:
                frontier[kind] = {"rung": task, "configurations": claimed}
    return frontier


# ----------------------------------------------------------------------------- the figure


def plot_ladder(ladder: Mapping[str, Any], target: float | None = TARGET):
    """Final relational accuracy against task size: per rung and model the seeds (dots), the
    median (marker) and the min-max range (bar); chance (1/N) and the plateau (guessing among the
    others, 1/(N-1)) marked per rung, the target as a line. Returns a matplotlib Figure."""
    from matplotlib.figure import Figure

    rungs = list(ladder["rungs"])
    if not rungs:
        raise ValueError("the ladder has no rungs")
    fig = Figure(figsize=(max(7.0, 1.25 * len(rungs) + 2.5), 5.0), layout="constrained")
    ax = fig.subplots()
    styles = {"rmc": ("C0", "RMC", -0.1, "o"), "lstm": ("C1", "LSTM (parameter-matched)", 0.1, "s")}
    for kind, (color, name, offset, marker) in styles.items():
        labelled = False
        for x, rung in enumerate(rungs):
            values = rung[kind]["relational"]
            if not values:
                continue
            median = statistics.median(values)
            ax.scatter(
                np.full(len(values), x + 2.3 * offset),
                values,
                s=20,
                color=color,
                edgecolors="black",
                linewidths=0.5,
                zorder=3,
                label=None if labelled else f"{name}: one seed",
            )
            ax.errorbar(
                x + offset,
                median,
                yerr=[[median - min(values)], [max(values) - median]],
                fmt=marker,
                color=color,
                ms=7,
                capsize=4,
                lw=1.5,
                zorder=4,
                label=None if labelled else f"{name}: median, min-max over seeds",
            )
            labelled = True
    for x, rung in enumerate(rungs):
        ax.hlines(
            rung["chance"],
            x - 0.4,
            x + 0.4,
            colors="grey",
            linestyles="--",
            lw=1.1,
            label="chance: 1 / objects" if x == 0 else None,
        )
        ax.hlines(
            rung["plateau_relational_accuracy"],
            x - 0.4,
            x + 0.4,
            colors="black",
            linestyles=":",
            lw=1.3,
            label="plateau: guess among the others, 1 / (objects - 1)" if x == 0 else None,
        )
    if target is not None:
        ax.axhline(target, color="green", ls="--", lw=1.1, label=f"target ({target:.0%})")
    labels = []
    for rung in rungs:
        label = f"{rung['num_objects']} x {rung['num_features']}"
        if rung["status"] == "not started":
            label += "\nnot run yet"
        elif rung["status"] != "complete":
            label += "\nseeds " + " / ".join(f"{k.upper()} {rung['seeds_finished'][k]}" for k in KINDS)
        labels.append(label)
    ax.set_xticks(range(len(rungs)), labels, fontsize=8)
    ax.set(
        xlim=(-0.6, len(rungs) - 0.4),
        ylim=(0.0, 1.02),
        xlabel="task: objects x features",
        ylabel="final relational test accuracy\n(answer is not m)",
    )
    ax.grid(axis="y", alpha=0.3)
    fig.legend(fontsize=7, loc="outside lower center", ncols=3)
    minutes = sorted({round(r["budget_seconds"] / 60, 1) for r in rungs if r.get("budget_seconds")})
    fig.suptitle(
        "N-th Farthest: RMC vs parameter-matched LSTM at the same wall-clock budget per run ("
        + " / ".join(f"{m:g}" for m in minutes)
        + " min of training, one thread)",
        fontsize=10,
    )
    return fig


# ---------------------------------------------------------------------------------------------
# command line


class _HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """ "(default: ...)" only for defaults worth showing (not None, False or empty)."""

    def _get_help_string(self, action: argparse.Action) -> str:
        if action.default in (None, False, []) or action.default is argparse.SUPPRESS:
            return action.help or ""
        return super()._get_help_string(action)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m rmc_course.ladder",
        description="The task-size ladder (issue 27): RMC vs the parameter-matched LSTM at the same wall-clock "
        "budget per run, one sweep per task size in runs/ladder/o{N}f{F}/ (a sweep's layout). Runs "
        "already finished (their checkpoint exists) are skipped, so a stopped ladder continues where "
        "it stopped; a rung's step budget is timed once and then reused (its sweep.json, or the "
        "shipped ladder.json), so a rung is reproduced with the same steps, seeds and numbers. Then "
        "ladder.json, ladder.png and search.md are rebuilt in --assets.",
        epilog="Rungs: "
        + ", ".join(f"{r.name} (seeds {' '.join(map(str, r.seeds))})" for r in RUNGS)
        + ". Exit codes: 0 done, 1 a run diverged (the finished ones are saved), 2 bad option or a rung "
        "folder that does not fit its rung.",
        formatter_class=_HelpFormatter,
    )
    parser.add_argument(
        "--rung", nargs="+", metavar="NxF", default=None, help="rungs to run, e.g. 4x2 (default: the whole ladder)"
    )
    parser.add_argument(
        "--seeds",
        type=int,
        nargs="+",
        default=None,
        help="seeds to run for the chosen rungs (default: each rung's own)",
    )
    parser.add_argument("--workers", type=int, default=2, help="training processes at once (one torch thread each)")
    parser.add_argument("--nice", type=int, default=10, help="niceness added to the training processes")
    parser.add_argument(
        "--budget-minutes",
        type=float,
        default=BUDGET_MINUTES,
        help="training minutes per run of a rung timed for the first time",
    )
    parser.add_argument("--root", default=str(DEFAULT_ROOT), help="where the rung folders are")
    parser.add_argument(
        "--assets",
        default=str(ASSETS_DIR),
        help="where ladder.json, ladder.png, search.md and the checkpoints that ship go",
    )
    parser.add_argument(
        "--progress-every",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="print progress and the time left this often (0: never)",
    )
    parser.add_argument("--plan", action="store_true", help="print what is finished and what is left, and exit")
    parser.add_argument(
        "--collect",
        action="store_true",
        help="only rebuild ladder.json, ladder.png and search.md from the finished runs",
    )
    parser.add_argument("--no-collect", action="store_true", help="run, but do not rebuild the files in --assets")
    parser.add_argument(
        "--search",
        nargs="+",
        metavar="DIR",
        default=[],
        help="with --collect: also list the runs of these sweep folders in search.md (kept: no)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = "python -m rmc_course.ladder " + " ".join(
        shlex.quote(a) for a in (sys.argv[1:] if argv is None else argv)
    )

    def log(text: str) -> None:
        print(text, flush=True)

    try:
        rungs = (
            [parse_rung(name) for name in args.rung]
            if args.rung
            else [dataclasses.replace(r, overrides=dict(r.overrides)) for r in RUNGS]
        )
        if args.seeds:
            rungs = [dataclasses.replace(r, seeds=tuple(dict.fromkeys(args.seeds))) for r in rungs]
        if args.collect:
            collect_ladder(args.root, args.assets, rungs=rungs, search_dirs=args.search, command=command, log=log)
            return 0
        if args.plan:
            jobs, lines, factor = plan_ladder(rungs, args.root, progress=False)
            log("the ladder:\n" + "\n".join(lines))
            estimate = makespan([], [job.steps * job.seconds_per_step * factor for job in jobs], args.workers)
            new = [r for r in rungs if not (Path(args.root) / r.folder / SWEEP_FILE).exists()]
            extra = sum(2 * len(r.seeds) for r in new)
            log(
                f"{len(jobs)} runs to go in timed rungs: about {fmt_duration(estimate)} on {args.workers} worker(s) "
                f"(x{factor:.2f} the timed seconds per step)"
                + (
                    f"; plus {extra} runs in rungs not timed yet, about "
                    f"{fmt_duration(makespan([], [60 * args.budget_minutes * factor] * extra, args.workers))}"
                    if extra
                    else ""
                )
            )
            return 0
        run_ladder(
            rungs,
            args.root,
            workers=args.workers,
            nice=args.nice,
            budget_minutes=args.budget_minutes,
            assets=None if args.no_collect else args.assets,
            progress_every=args.progress_every,
            command=command,
            log=log,
        )
    except LadderError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except TrainingDiverged as error:
        print(
            f"error: {error}; the runs finished before are saved (python -m rmc_course.ladder --collect)",
            file=sys.stderr,
        )
        return 1
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
