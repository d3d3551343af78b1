"""Multi-seed sweeps of the RMC against the parameter-matched LSTM at the same wall-clock budget.

    python -m rmc_course.sweep --num-objects 3 --num-features 2 --budget-minutes 5 --seeds 0 1 2
    python -m rmc_course.sweep --help

One configuration, several seeds, both models; every (model, seed) run is its own process with
one torch thread, at most ``--workers`` at once. A fair comparison on a CPU gives both models the
same *time*, not the same number of steps: the RMC costs several times more per step. Timing two
runs separately on a shared machine measures the neighbours as much as the models, so the sweep
first times both models in ONE process, interleaved (:func:`measure_step_costs`), and converts the
wall-clock budget into a step budget per model with that ratio. It logs the ratio and also each
run's real training time.

Every run is :func:`rmc_ref.train.train_one` (the same loop, seeding, config checks and stop on
a non-finite loss as ``python -m rmc_ref.train``); at every evaluation the history records
overall, *relational* (the answer is not object m itself) and per-rank test accuracy, the step
and the training seconds so far. Outputs in OUT_DIR:
``summary.json``, ``history.json``, ``evaluations.csv``, ``{rmc,lstm}_seed{S}.pt`` and the plot
(:func:`rmc_ref.viz.plot_sweep`). ``python -m rmc_course.sweep --table DIR...`` prints one markdown
row per finished sweep (the search table of docs/results.md).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import multiprocessing
import os
import platform
import queue
import shlex
import sys
import threading
import time
from concurrent.futures import FIRST_EXCEPTION, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import torch
import torch.nn.functional as F
from torch import nn
from tqdm.auto import tqdm

from rmc_ref import __version__
from rmc_ref.tasks.nth_farthest import NthFarthest, answer_breakdown
from rmc_ref.train import (
    GATE_STYLE_NAMES,
    INPUT_MODES,
    KINDS,
    ConfigError,
    TrainConfig,
    TrainingDiverged,
    build_model,
    checkpoint_path,
    make_task,
    resolve_models,
    save_checkpoint,
    summarize,
    torch_threads,
    train_one,
)
from rmc_ref.train.cli import config_from_args  # the sweep's options are spelled as TrainConfig's fields

# The showdown: the configuration chosen by the search (docs/results.md, "The showdown"), the defaults
# of this command line and of `make showdown`.
SHOWDOWN: dict[str, Any] = {
    "num_objects": 3,
    "num_features": 2,
    "mem_slots": 4,
    "num_heads": 4,
    "head_size": 16,
    "num_blocks": 1,
    "head_hidden": [256],
    "batch_size": 128,
    "lr": 1e-3,
    "test_size": 2000,
}
# The shipped set's step budget: RMC 3600 steps, LSTM 3600 x 3.035. 3.03 is the RMC/LSTM cost per
# step measured interleaved (runs/search/o3f2_b8: 53.2 ms / 17.6 ms on the loaded machine), so both
# models get the same wall-clock time: 3600 x 53.2 ms = 3.2 min at that timing's speed.
SHOWDOWN_STEPS = {"rmc": 3600, "lstm": 10928}
SHOWDOWN_SEEDS = (0, 1, 2)
EVALUATIONS = 40  # evaluations per run (eval_every = steps // EVALUATIONS)
SWEEP_FILE = "sweep.json"  # the sweep's settings, written before training
TIMING_STEPS, TIMING_ROUNDS = 10, 6  # interleaved timing: rounds x (steps of each model)


def showdown_config(**overrides) -> TrainConfig:
    """The showdown's :class:`TrainConfig`, with ``overrides`` (e.g. ``steps=40``)."""
    return TrainConfig.from_dict({**SHOWDOWN, **overrides})


# ---------------------------------------------------------------------------------------------
# the step budget: one interleaved timing run


def measure_step_costs(
    task: NthFarthest,
    configs: Mapping[str, TrainConfig],
    steps: int = TIMING_STEPS,
    rounds: int = TIMING_ROUNDS,
    seed: int = 0,
    kinds: Mapping[str, str] | None = None,
    prepare: Mapping[str, Callable[[nn.Module], None]] | None = None,
) -> dict[str, float]:
    """Seconds per training step of each model, timed in one process, interleaved.

    Each round runs ``steps`` steps of every model in turn; the first round warms up and is not
    counted. Interleaving makes both models see the same machine load, so their *ratio* is
    meaningful even on a busy machine (the absolute seconds are not). ``configs`` is keyed by model
    kind, or by any label when ``kinds`` gives each label's kind (two configurations of one model).
    ``prepare[label](model)``, if given, is called on that label's model once it is built (e.g. to
    switch the RMC's core to its readable path: two code paths of one configuration).
    """
    models, optimizers, seconds = {}, {}, {}
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        for kind, config in configs.items():
            models[kind] = build_model((kinds or {}).get(kind, kind), task, config)
            if prepare and kind in prepare:
                prepare[kind](models[kind])
            optimizers[kind] = torch.optim.Adam(models[kind].parameters(), lr=config.lr)
            seconds[kind] = 0.0
    generator = torch.Generator().manual_seed(seed)
    for round_index in range(rounds + 1):
        for kind, model in models.items():
            start = time.perf_counter()
            for _ in range(steps):
                inputs, labels = task.sample(configs[kind].batch_size, generator=generator)
                loss = F.cross_entropy(model(inputs), labels)
                optimizers[kind].zero_grad(set_to_none=True)
                loss.backward()
                optimizers[kind].step()
            if round_index > 0:
                seconds[kind] += time.perf_counter() - start
    return {kind: seconds[kind] / (steps * rounds) for kind in models}


def step_budgets(budget_seconds: float, costs: Mapping[str, float]) -> dict[str, int]:
    """Steps each model can take in ``budget_seconds`` at the measured seconds per step."""
    if budget_seconds <= 0:
        raise ValueError(f"budget_seconds must be > 0, got {budget_seconds}")
    return {kind: max(1, int(budget_seconds / cost)) for kind, cost in costs.items()}


# ---------------------------------------------------------------------------------------------
# one run (executed in a worker process)


def evaluate_breakdown(
    model: torch.nn.Module, task: NthFarthest, inputs: torch.Tensor, labels: torch.Tensor, chunk_size: int = 2048
) -> dict[str, Any]:
    """Test loss, overall, relational and per-rank accuracy of ``model`` on one held-out batch."""
    was_training = model.training
    device = next(model.parameters()).device
    model.eval()
    with torch.no_grad():
        logits = torch.cat(
            [model(inputs[i : i + chunk_size].to(device)).cpu() for i in range(0, len(labels), chunk_size)]
        )  # [B, C]
    model.train(was_training)
    breakdown = answer_breakdown(task, inputs, labels, logits.argmax(dim=-1))
    return {
        "test_loss": F.cross_entropy(logits, labels).item(),
        "test_acc": breakdown.accuracy,
        "test_rel_acc": breakdown.relational_accuracy,
        "test_rank_acc": breakdown.rank_accuracy,
    }


def new_history() -> dict[str, list]:
    return {
        "step": [],
        "seconds": [],
        "wall_seconds": [],
        "train_loss": [],
        "train_acc": [],
        "test_loss": [],
        "test_acc": [],
        "test_rel_acc": [],
        "test_rank_acc": [],
    }


def train_run(
    kind: str,
    task: NthFarthest,
    config: TrainConfig,
    seed: int,
    progress: Callable[[int, Mapping[str, list]], None] | None = None,
) -> tuple[torch.nn.Module, dict[str, list]]:
    """Train one model with :func:`rmc_ref.train.train_one` and record the relational breakdown.

    ``train_one``'s loop, seeding and checks: the config is validated, a non-finite loss raises
    :class:`rmc_ref.train.TrainingDiverged`, and torch's global RNG and thread count are left as
    they were. Each evaluation also records :func:`evaluate_breakdown`, ``seconds`` (training
    time so far: since the first step, evaluations excluded) and ``wall_seconds`` (evaluations
    included), and with a curriculum ``train_objects`` (the objects its window trained on).
    ``progress(step, history)`` is called after each evaluation.
    """
    start, evaluating = time.perf_counter(), 0.0

    def start_clock() -> None:
        nonlocal start
        start = time.perf_counter()

    def metrics(model: torch.nn.Module, inputs: torch.Tensor, labels: torch.Tensor) -> dict[str, Any]:
        nonlocal evaluating
        tick = time.perf_counter()
        measured = evaluate_breakdown(model, task, inputs, labels)
        tock = time.perf_counter()
        seconds, evaluating = tick - start - evaluating, evaluating + (tock - tick)
        return {"seconds": round(seconds, 3), "wall_seconds": round(tock - start, 3), **measured}

    model, history = train_one(
        kind, task, config, seed, metrics=metrics, on_evaluation=progress, on_train_start=start_clock
    )
    kept = [*new_history(), *(["train_objects"] if "train_objects" in history else [])]  # a curriculum's objects
    return model, {key: history[key] for key in kept}


@dataclasses.dataclass
class Job:
    kind: str
    seed: int
    config: dict  # resolved TrainConfig.to_dict(), with this model's step budget
    out_dir: str
    nice: int = 0  # added to the worker's niceness (the timing run itself is not niced)
    progress_log: str | None = None  # append one line per evaluation here (to watch long sweeps)


_PROGRESS_QUEUE = None  # set in each worker by _init_worker


def _init_worker(progress_queue) -> None:
    global _PROGRESS_QUEUE
    _PROGRESS_QUEUE = progress_queue


def _run_job(job: Job) -> dict[str, Any]:
    """Worker: one thread, train, save the checkpoint, return the history (picklable)."""
    if job.nice:
        os.nice(job.nice)
    config = TrainConfig.from_dict(job.config)
    task = make_task(config)
    log_file = open(job.progress_log, "a", buffering=1) if job.progress_log else None

    def report(step: int, history: Mapping[str, list]) -> None:
        if _PROGRESS_QUEUE is not None:
            _PROGRESS_QUEUE.put((job.kind, job.seed, step))
        if log_file is not None:
            log_file.write(
                f"{job.kind} seed {job.seed} step {step} seconds {history['seconds'][-1]:.0f}: "
                f"test acc {history['test_acc'][-1]:.3f} relational {history['test_rel_acc'][-1]:.3f}\n"
            )

    start = time.perf_counter()
    try:
        with torch_threads(1):
            model, history = train_run(job.kind, task, config, job.seed, progress=report)
    finally:
        if log_file is not None:
            log_file.close()
    seconds = time.perf_counter() - start
    path = save_checkpoint(checkpoint_path(job.out_dir, job.kind, job.seed), job.kind, model, config, history, job.seed)
    return {
        "kind": job.kind,
        "seed": job.seed,
        "history": history,
        "config": job.config,
        "run_seconds": seconds,
        "checkpoint": str(path),
    }


def run_jobs(jobs: Sequence[Job], workers: int = 2, show_progress: bool = True) -> list[dict[str, Any]]:
    """Run ``jobs`` in ``workers`` spawned processes (one torch thread each), with progress bars.

    ``workers=1`` runs them one after the other in this process (no start-up cost). A job that
    fails (e.g. :class:`rmc_ref.train.TrainingDiverged`) stops the sweep: the jobs not started yet
    are cancelled, the ones already running finish (their checkpoints are saved), then the
    failure is raised (the first failed job in ``jobs`` order).
    """
    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}")
    context = multiprocessing.get_context("spawn")
    progress_queue = context.Queue() if show_progress else None
    bars = {}
    if show_progress:
        for position, job in enumerate(jobs):
            bars[(job.kind, job.seed)] = tqdm(
                total=job.config["steps"],
                desc=f"{job.kind} seed {job.seed}",
                position=position,
                file=sys.stderr,
                dynamic_ncols=True,
                unit="step",
                leave=True,
            )
    stop = threading.Event()

    def pump():
        while not stop.is_set():
            try:
                kind, seed, step = progress_queue.get(timeout=0.2)
            except queue.Empty:
                continue
            bar = bars[(kind, seed)]
            bar.update(step - bar.n)

    pumper = threading.Thread(target=pump, daemon=True) if show_progress else None
    if pumper is not None:
        pumper.start()
    try:
        if workers == 1:
            _init_worker(progress_queue)
            try:
                results = [_run_job(dataclasses.replace(job, nice=0)) for job in jobs]
            finally:
                _init_worker(None)
        else:
            with ProcessPoolExecutor(
                max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(progress_queue,)
            ) as pool:
                futures = [pool.submit(_run_job, job) for job in jobs]
                wait(futures, return_when=FIRST_EXCEPTION)
                if any(future.done() and future.exception() is not None for future in futures):
                    pool.shutdown(wait=True, cancel_futures=True)
                results = [future.result() for future in futures]  # raises the first job's failure
    finally:
        time.sleep(0.3 if show_progress else 0)  # let the last progress messages arrive
        stop.set()
        if pumper is not None:
            pumper.join()
        for job, bar in bars.items():
            bar.close()
    return results


# ---------------------------------------------------------------------------------------------
# summary


def spread(values: Sequence[float]) -> dict[str, float]:
    """Median, min, max and n of ``values`` (:func:`rmc_ref.train.summarize` of floats)."""
    return summarize([float(v) for v in values])


def plateau_exit_threshold(task: NthFarthest) -> float:
    """Relational accuracy that counts as "left the plateau": halfway from guessing to perfect."""
    return (task.plateau_relational_accuracy + 1.0) / 2.0


def plateau_exit(history: Mapping[str, list], threshold: float) -> tuple[int, float] | None:
    """(step, training seconds) of the first evaluation at or above ``threshold``, or None."""
    for step, seconds, accuracy in zip(history["step"], history["seconds"], history["test_rel_acc"]):
        if accuracy >= threshold:
            return step, seconds
    return None


def summarize_sweep(
    task: NthFarthest,
    results: Sequence[Mapping[str, Any]],
    configs: Mapping[str, TrainConfig],
    parameters: Mapping[str, int],
) -> dict[str, Any]:
    threshold = plateau_exit_threshold(task)
    models = {}
    for kind in configs:
        runs = sorted((r for r in results if r["kind"] == kind), key=lambda r: r["seed"])
        exits = {str(r["seed"]): plateau_exit(r["history"], threshold) for r in runs}
        finals = {key: [r["history"][key][-1] for r in runs] for key in ("test_acc", "test_rel_acc")}
        models[kind] = {
            "parameters": parameters[kind],
            "config": configs[kind].to_dict(),
            "steps": configs[kind].steps,
            "final_test_acc": {str(r["seed"]): a for r, a in zip(runs, finals["test_acc"])},
            "final_test_rel_acc": {str(r["seed"]): a for r, a in zip(runs, finals["test_rel_acc"])},
            "final_test_rank_acc": {str(r["seed"]): r["history"]["test_rank_acc"][-1] for r in runs},
            "test_acc": spread(finals["test_acc"]),
            "test_rel_acc": spread(finals["test_rel_acc"]),
            "plateau_exit_step": {seed: (e[0] if e else None) for seed, e in exits.items()},
            "plateau_exit_seconds": {seed: (e[1] if e else None) for seed, e in exits.items()},
            "train_seconds": {str(r["seed"]): r["history"]["seconds"][-1] for r in runs},
            "run_seconds": {str(r["seed"]): round(r["run_seconds"], 2) for r in runs},
        }
    return {"models": models, "plateau_exit_threshold": threshold}


# ---------------------------------------------------------------------------------------------
# files


def write_csv(path: Path, results: Sequence[Mapping[str, Any]], num_objects: int) -> None:
    columns = [
        "model",
        "seed",
        "step",
        "seconds",
        "wall_seconds",
        "train_loss",
        "train_acc",
        "test_loss",
        "test_acc",
        "test_rel_acc",
    ] + [f"test_rank{k}_acc" for k in range(num_objects)]
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for result in sorted(results, key=lambda r: (r["kind"], r["seed"])):
            history = result["history"]
            for i, step in enumerate(history["step"]):
                writer.writerow(
                    [result["kind"], result["seed"], step]
                    + [history[key][i] for key in columns[3:10]]
                    + list(history["test_rank_acc"][i])
                )


def _json(path: Path, data) -> None:
    path.write_text(json.dumps(data, indent=1) + "\n")


def sweep_plot(summary: Mapping[str, Any], histories: Mapping[str, Mapping[str, Mapping]]):
    from rmc_ref.viz import plot_sweep

    task = summary["task"]
    budget = summary["budget"]
    seeds = sorted({int(seed) for runs in histories.values() for seed in runs})
    title = (
        f"N-th Farthest, {task['num_objects']} objects x {task['num_features']} features: RMC vs "
        f"parameter-matched LSTM, same budget ({budget['describe']}), seeds {seeds}"
    )
    return plot_sweep(
        {kind.upper(): list(runs.values()) for kind, runs in histories.items()},
        chance=summary["chance"],
        shortcut=summary["shortcut_accuracy"],
        plateau=summary["plateau_relational_accuracy"],
        title=title,
    )


# ---------------------------------------------------------------------------------------------
# the whole sweep


def run_sweep(
    config: TrainConfig,
    seeds: Sequence[int],
    out_dir: str | Path,
    *,
    budget_minutes: float | None = None,
    steps: Mapping[str, int] | None = None,
    workers: int = 2,
    show_progress: bool = True,
    plot_name: str = "sweep.png",
    command: str | None = None,
    note: str = "",
    log: Callable[[str], None] = print,
    kinds: Sequence[str] = KINDS,
    nice: int = 0,
    progress_log: str | None = None,
) -> dict[str, Any]:
    """Both models x ``seeds`` at one step budget per model; write every output; return the summary.

    Give either ``budget_minutes`` (converted to steps by :func:`measure_step_costs`) or
    ``steps`` ({kind: steps}, e.g. to repeat a sweep exactly).
    """
    if (budget_minutes is None) == (steps is None):
        raise ValueError("give exactly one of budget_minutes and steps")
    seeds = list(dict.fromkeys(int(s) for s in seeds))
    if not seeds:
        raise ValueError("give at least one seed")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    task = make_task(config)
    resolved, counts = resolve_models(kinds, task, config)
    parameters = {kind: counts[kind]["total"] for kind in kinds}

    costs = None
    if budget_minutes is not None:
        log(f"timing both models, interleaved in one process ({TIMING_ROUNDS} x {TIMING_STEPS} steps each) ...")
        with torch_threads(1):
            costs = measure_step_costs(task, resolved)
        steps = step_budgets(60.0 * budget_minutes, costs)
        describe = f"{budget_minutes:g} min of training each"
        if "rmc" in costs and "lstm" in costs:
            log(
                f"seconds per step: RMC {costs['rmc'] * 1e3:.1f} ms, LSTM {costs['lstm'] * 1e3:.1f} ms "
                f"(ratio {costs['rmc'] / costs['lstm']:.2f})"
            )
    else:
        describe = ", ".join(f"{kind.upper()} {steps[kind]:,} steps" for kind in kinds)
    for kind in kinds:
        resolved[kind] = dataclasses.replace(
            resolved[kind], steps=int(steps[kind]), eval_every=max(1, int(steps[kind]) // EVALUATIONS)
        )
    log(
        f"task {task}: chance {task.chance:.1%}, shortcut {task.shortcut_accuracy:.1%}, relational "
        f"plateau {task.plateau_relational_accuracy:.1%}"
    )
    for kind in kinds:
        log(
            f"{kind.upper():>4}: {parameters[kind]:,} parameters, {resolved[kind].steps:,} steps x batch "
            f"{resolved[kind].batch_size}, lr {resolved[kind].lr:g}"
        )

    head = {
        "what": "RMC vs parameter-matched LSTM on N-th Farthest at the same wall-clock budget",
        "command": command,
        "note": note,
        "task": {"name": "nth_farthest", "num_objects": task.num_objects, "num_features": task.num_features},
        "chance": task.chance,
        "shortcut_accuracy": task.shortcut_accuracy,
        "plateau_relational_accuracy": task.plateau_relational_accuracy,
        "relational": "a question is relational when its answer is not object m itself",
        "seeds": seeds,
        "config": config.to_dict(),
        "budget": {
            "budget_minutes": budget_minutes,
            "describe": describe,
            "seconds_per_step": costs,
            "step_cost_ratio_rmc_over_lstm": (
                costs["rmc"] / costs["lstm"] if costs and "rmc" in costs and "lstm" in costs else None
            ),
            "steps": {kind: resolved[kind].steps for kind in kinds},
            "timing": f"{TIMING_ROUNDS} rounds x {TIMING_STEPS} steps per model, interleaved, one process, "
            "one thread, after one warm-up round"
            if costs
            else None,
        },
        "parameters": parameters,
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
    _json(out_dir / SWEEP_FILE, head)  # what is known before training: collect() needs it

    jobs = [
        Job(kind, seed, resolved[kind].to_dict(), str(out_dir), nice, progress_log) for seed in seeds for kind in kinds
    ]
    start = time.perf_counter()
    results = run_jobs(jobs, workers=workers, show_progress=show_progress)
    head["sweep_seconds"] = round(time.perf_counter() - start, 1)
    return write_outputs(out_dir, head, results, plot_name)


def write_outputs(
    out_dir: str | Path, head: Mapping[str, Any], results: Sequence[Mapping[str, Any]], plot_name: str = "sweep.png"
) -> dict[str, Any]:
    """summary.json, history.json, evaluations.csv and the plot of finished runs."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = dict(head)
    summary["machine"] = {**head["machine"], "load_average_after": [round(x, 2) for x in os.getloadavg()]}
    summary["finished_utc"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    summary["seeds_finished"] = {
        kind: sorted(r["seed"] for r in results if r["kind"] == kind) for kind in head["parameters"]
    }
    config = TrainConfig.from_dict(head["config"])
    task = make_task(config)
    kinds = [kind for kind in head["parameters"] if any(r["kind"] == kind for r in results)]
    configs = {kind: TrainConfig.from_dict(next(r["config"] for r in results if r["kind"] == kind)) for kind in kinds}
    summary.update(summarize_sweep(task, results, configs, head["parameters"]))
    histories = {
        kind: {str(r["seed"]): r["history"] for r in sorted(results, key=lambda r: r["seed"]) if r["kind"] == kind}
        for kind in kinds
    }
    _json(out_dir / "summary.json", summary)
    _json(out_dir / "history.json", histories)
    write_csv(out_dir / "evaluations.csv", results, task.num_objects)
    if plot_name:
        fig = sweep_plot(summary, histories)
        fig.savefig(out_dir / plot_name, dpi=100)
    return summary


def collect(
    out_dir: str | Path,
    plot_name: str = "sweep.png",
    note: str | None = None,
    truncate: Mapping[str, int] | None = None,
    command: str | None = None,
) -> dict[str, Any]:
    """Rebuild the outputs of a sweep from its ``sweep.json`` and the checkpoints written so far.

    For a sweep still running (or stopped): only finished runs count, and ``seeds_finished``
    says which. ``truncate`` ({kind: steps}) reads each history up to that step instead, i.e. the
    result of the same sweep at a smaller budget (the lr is constant and the batches the same,
    so a run's first steps do not depend on how long it goes on); the checkpoints stay the
    final ones, so do not ship a truncated collection.
    """
    out_dir = Path(out_dir)
    head = json.loads((out_dir / SWEEP_FILE).read_text())
    if note is not None:
        head["note"] = note
    if command is not None:
        head["collected_with"] = command
    results = []
    for kind in head["parameters"]:
        for seed in head["seeds"]:
            path = checkpoint_path(out_dir, kind, seed)
            if not path.exists():
                continue
            checkpoint = torch.load(path, map_location="cpu", weights_only=True)
            history, config = checkpoint["history"], checkpoint["config"]
            if truncate is not None:
                keep = sum(1 for step in history["step"] if step <= truncate[kind])
                if keep == 0:
                    raise ValueError(f"{kind} seed {seed}: no evaluation at or before step {truncate[kind]}")
                history = {key: values[:keep] for key, values in history.items()}
                config = {**config, "steps": history["step"][-1]}
            results.append(
                {
                    "kind": kind,
                    "seed": seed,
                    "history": history,
                    "config": config,
                    "run_seconds": history["wall_seconds"][-1],
                }
            )
    if not results:
        raise ValueError(f"no finished runs (checkpoints) in {out_dir}")
    if truncate is not None:
        head = {
            **head,
            "budget": {
                **head["budget"],
                "steps": dict(truncate),
                "describe": ", ".join(f"{k.upper()} {v:,} steps" for k, v in truncate.items())
                + " (read from longer runs)",
                "budget_minutes": None,
            },
        }
    return write_outputs(out_dir if truncate is None else out_dir / "truncated", head, results, plot_name)


# ---------------------------------------------------------------------------------------------
# reporting


def _fmt_spread(stats: Mapping[str, float]) -> str:
    return f"{stats['median']:.1%} [{stats['min']:.1%}, {stats['max']:.1%}]"


def summary_table(summary: Mapping[str, Any]) -> str:
    """Plain-text table of one sweep: per model, per seed and median [min, max]."""
    lines = [
        f"{'model':<5} {'params':>8} {'steps':>8}  {'relational acc':<24} {'overall acc':<24} "
        f"left plateau at step (per seed)"
    ]
    for kind, model in summary["models"].items():
        exits = ", ".join("-" if e is None else f"{e:,}" for e in model["plateau_exit_step"].values())
        lines.append(
            f"{kind.upper():<5} {model['parameters']:>8,} {model['steps']:>8,}  "
            f"{_fmt_spread(model['test_rel_acc']):<24} {_fmt_spread(model['test_acc']):<24} {exits}"
        )
    finished = sorted({int(seed) for model in summary["models"].values() for seed in model["final_test_acc"]})
    lines.append(
        f"median [min, max] over seeds {finished}; relational = answer is not object m "
        f"(plateau {summary['plateau_relational_accuracy']:.1%}); chance {summary['chance']:.1%}, "
        f"shortcut {summary['shortcut_accuracy']:.1%}; 'left the plateau' = relational accuracy "
        f">= {summary['plateau_exit_threshold']:.1%}"
    )
    return "\n".join(lines)


def markdown_row(summary: Mapping[str, Any]) -> str:
    """One row of the search table (docs/results.md, "The search")."""
    config = summary["config"]
    task = summary["task"]
    budget = summary["budget"]
    ratio = budget.get("step_cost_ratio_rmc_over_lstm")
    setup = (
        f"{task['num_objects']} obj x {task['num_features']} feat, RMC {config['mem_slots']}x{config['num_heads']}"
        f"x{config['head_size']}, head {config['head_hidden']}, batch {config['batch_size']}, lr {config['lr']:g}"
    )
    seeds = {kind: len(model["final_test_acc"]) for kind, model in summary["models"].items()}
    cells = [
        setup,
        budget["describe"] + (f" (ratio {ratio:.2f})" if ratio else ""),
        "/".join(str(n) for n in seeds.values()),
    ]
    for kind in ("rmc", "lstm"):
        model = summary["models"].get(kind)
        if model is None:
            cells += ["-", "-", "-"]
            continue
        exits = list(model["plateau_exit_step"].values())
        cells += [
            f"{model['steps']:,}",
            _fmt_spread(model["test_rel_acc"]) + " / " + _fmt_spread(model["test_acc"]),
            ", ".join("-" if e is None else f"{e / 1000:.1f}k" for e in exits),
        ]
    return "| " + " | ".join(cells) + " |"


TABLE_HEADER = (
    "| configuration | budget | seeds | RMC steps | RMC relational / overall | RMC left plateau | "
    "LSTM steps | LSTM relational / overall | LSTM left plateau |\n"
    "|---|---|---|---|---|---|---|---|---|"
)


# ---------------------------------------------------------------------------------------------
# command line


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m rmc_course.sweep",
        description="RMC vs the parameter-matched LSTM over several seeds at the same wall-clock budget: "
        "seeds in parallel processes (one torch thread each), overall, relational and per-rank "
        "accuracy, a summary table and a plot of median and range over seeds.",
        epilog="Exit codes: 0 done, 1 a run diverged (non-finite loss; the runs finished before are "
        "saved, --collect gathers them), 2 bad option.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--seeds", type=int, nargs="+", default=list(SHOWDOWN_SEEDS))
    budget = parser.add_mutually_exclusive_group()
    budget.add_argument(
        "--budget-minutes",
        type=float,
        default=None,
        help="training minutes per run, converted to steps per model by one interleaved timing "
        "run (default: the showdown's fixed steps, --steps-rmc "
        f"{SHOWDOWN_STEPS['rmc']} --steps-lstm {SHOWDOWN_STEPS['lstm']})",
    )
    budget.add_argument("--steps-rmc", type=int, default=None, help="fixed RMC steps (repeat a sweep exactly)")
    parser.add_argument("--steps-lstm", type=int, default=None, help="fixed LSTM steps (with --steps-rmc)")
    parser.add_argument("--model", choices=("rmc", "lstm", "both"), default="both")
    parser.add_argument("--workers", type=int, default=2, help="training processes at once (one thread each)")
    parser.add_argument(
        "--nice",
        type=int,
        default=10,
        help="niceness added to the training processes on a shared machine (the short timing run is not niced)",
    )
    task = parser.add_argument_group("task")
    task.add_argument("--num-objects", type=int, default=SHOWDOWN["num_objects"])
    task.add_argument("--num-features", type=int, default=SHOWDOWN["num_features"])
    model = parser.add_argument_group("models (the LSTM is parameter-matched unless --lstm-hidden)")
    model.add_argument("--mem-slots", type=int, default=SHOWDOWN["mem_slots"])
    model.add_argument("--head-size", type=int, default=SHOWDOWN["head_size"])
    model.add_argument("--num-heads", type=int, default=SHOWDOWN["num_heads"])
    model.add_argument("--num-blocks", type=int, default=SHOWDOWN["num_blocks"])
    model.add_argument("--gate-style", choices=tuple(GATE_STYLE_NAMES), default="unit", help="RMC gating")
    model.add_argument("--input-mode", choices=INPUT_MODES, default="row", help="how the RMC meets its input")
    model.add_argument("--mlp-layers", type=int, default=2, help="RMC attention MLP layers")
    model.add_argument("--head-hidden", type=int, nargs="*", default=SHOWDOWN["head_hidden"])
    model.add_argument("--lstm-hidden", type=int, default=None, help="default: parameter-matched")
    optimisation = parser.add_argument_group("optimisation")
    optimisation.add_argument("--batch-size", type=int, default=SHOWDOWN["batch_size"])
    optimisation.add_argument("--lr", type=float, default=SHOWDOWN["lr"])
    optimisation.add_argument("--clip-grad-norm", type=float, default=None)
    optimisation.add_argument(
        "--warmup-steps", type=int, default=0, help="steps over which the lr rises linearly to --lr"
    )
    optimisation.add_argument(
        "--curriculum-start",
        type=int,
        default=None,
        help="objects per training question at first, one more each time a window's training accuracy reaches 90%%",
    )
    optimisation.add_argument("--test-size", type=int, default=SHOWDOWN["test_size"])
    parser.add_argument("--out-dir", default="runs/sweep")
    parser.add_argument("--plot-name", default="sweep.png")
    parser.add_argument("--note", default="", help="free text stored in summary.json")
    parser.add_argument(
        "--progress-log",
        default=None,
        metavar="PATH",
        help="append one line per evaluation of every run to this file (watch long sweeps)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    parser.add_argument(
        "--collect",
        metavar="DIR",
        default=None,
        help="rebuild summary, history, CSV and plot of DIR from its sweep.json and the "
        "checkpoints finished so far, and exit",
    )
    parser.add_argument(
        "--truncate",
        type=int,
        nargs=2,
        metavar=("RMC_STEPS", "LSTM_STEPS"),
        default=None,
        help="with --collect: read the histories up to these steps (a smaller budget) into DIR/truncated/",
    )
    parser.add_argument(
        "--table",
        nargs="+",
        metavar="DIR",
        default=None,
        help="print the markdown search table of finished sweeps in these folders and exit",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.table:
        print(TABLE_HEADER)
        for folder in args.table:
            print(markdown_row(json.loads((Path(folder) / "summary.json").read_text())))
        return 0
    if args.collect:
        truncate = dict(zip(("rmc", "lstm"), args.truncate)) if args.truncate else None
        command = "python -m rmc_course.sweep " + " ".join(
            shlex.quote(a) for a in (sys.argv[1:] if argv is None else argv)
        )
        summary = collect(
            args.collect, plot_name=args.plot_name, note=args.note or None, truncate=truncate, command=command
        )
        print(summary_table(summary))
        return 0
    kinds = list(KINDS) if args.model == "both" else [args.model]
    steps = None
    if args.steps_rmc is not None or args.steps_lstm is not None:
        given = {"rmc": args.steps_rmc, "lstm": args.steps_lstm}
        missing = [kind for kind in kinds if given[kind] is None]
        if missing:
            print(f"error: give --steps-{' and --steps-'.join(missing)} too (or use --budget-minutes)", file=sys.stderr)
            return 2
        for kind in kinds:
            if given[kind] < 1:
                print(f"error: --steps-{kind} must be an integer >= 1, got {given[kind]}", file=sys.stderr)
                return 2
        steps = {kind: given[kind] for kind in kinds}
    budget_minutes = args.budget_minutes
    if steps is None and budget_minutes is None:
        steps = {kind: SHOWDOWN_STEPS[kind] for kind in kinds}
    try:
        config = config_from_args(args)
        command = "python -m rmc_course.sweep " + " ".join(
            shlex.quote(a) for a in (sys.argv[1:] if argv is None else argv)
        )
        summary = run_sweep(
            config,
            args.seeds,
            args.out_dir,
            budget_minutes=budget_minutes,
            steps=steps,
            workers=args.workers,
            show_progress=not args.quiet,
            plot_name=args.plot_name,
            command=command,
            note=args.note,
            kinds=kinds,
            nice=args.nice,
            progress_log=args.progress_log,
        )
    except ConfigError as error:  # the option's name, as python -m rmc_ref.train says it
        print(f"error: {error.option} {error.problem}", file=sys.stderr)
        return 2
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except TrainingDiverged as error:
        print(
            f"error: {error}; no summary written (runs already finished are saved in {args.out_dir}/: "
            f"python -m rmc_course.sweep --collect {args.out_dir})",
            file=sys.stderr,
        )
        return 1
    print()
    print(summary_table(summary))
    print(
        f"sweep took {summary['sweep_seconds'] / 60:.1f} min with {args.workers} worker(s); outputs in {args.out_dir}/"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
