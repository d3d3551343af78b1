"""The command line ``python -m rmc_ref.train`` (console script ``rmc-train``): :func:`main`.

It parses the options into a :class:`~rmc_ref.train.config.TrainConfig` (every check first,
before any file is written), trains each model and seed with
:func:`~rmc_ref.train.loop.train_one`, and writes checkpoints, ``history.json``,
``summary.json`` (with the machine it ran on) and the plots asked for. Exit codes: 0 done,
1 training diverged, 2 bad option. ``--distributed`` runs it data-parallel over the processes
``torchrun`` starts (:mod:`rmc_ref.train.distributed`).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path
from typing import Any, Sequence

import torch
from tqdm.auto import tqdm

from ..classifier import SequenceClassifier
from ..tasks.nth_farthest import NthFarthest
from ..version import __version__
from .checkpoints import checkpoint_path, save_checkpoint
from .config import (
    GATE_STYLE_NAMES,
    INPUT_MODES,
    KINDS,
    MATCH_MODES,
    PAPER_BATCH_SIZE,
    PAPER_LR,
    ConfigError,
    TrainConfig,
    check_seed,
    make_task,
    torch_threads,
)
from .distributed import describe, finish, init_from_env, replicas_identical, run_silently, shard, world
from .loop import TrainingDiverged, _model_device, make_test_set, resolve_models, summarize, train_one


class _HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Show "(default: ...)" only for defaults worth showing (not None / False / already stated)."""

    def _get_help_string(self, action):
        if action.default is None or action.default is False or "default" in (action.help or ""):
            return action.help
        return super()._get_help_string(action)


class _OneLineErrorParser(argparse.ArgumentParser):
    """A bad option answers with one line naming it (no usage block) and exit code 2."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())}\n")


def build_parser() -> argparse.ArgumentParser:
    defaults = TrainConfig()
    parser = _OneLineErrorParser(
        prog="python -m rmc_ref.train",
        description="Train the Relational Memory Core and/or a parameter-matched LSTM on the N-th "
        "Farthest task (Santoro et al. 2018). The defaults are a short CPU run, far from "
        "the paper's training budget (batch 1600, lr 1e-4, days on a GPU), so read the "
        "numbers as a demonstration, and compare models over several seeds (--seeds).",
        epilog="Outputs in OUT_DIR: {rmc,lstm}_seed<S>.pt checkpoints (reload with "
        "rmc_ref.train.load_checkpoint), history.json, summary.json, and the PNGs asked for. "
        "Exit codes: 0 done, 1 training diverged (non-finite loss), 2 bad option.",
        formatter_class=_HelpFormatter,
    )
    run = parser.add_argument_group("run")
    run.add_argument("--model", choices=("rmc", "lstm", "both"), default="both", help="which model(s) to train")
    run.add_argument("--steps", type=int, default=defaults.steps, help="optimiser steps per model")
    run.add_argument(
        "--batch-size",
        type=int,
        default=defaults.batch_size,
        help=f"training batch size (the paper used {PAPER_BATCH_SIZE})",
    )
    run.add_argument(
        "--lr",
        type=float,
        default=defaults.lr,
        help=f"Adam learning rate (the paper used {PAPER_LR:.0e}, too slow for a short run)",
    )
    run.add_argument(
        "--clip-grad-norm",
        type=float,
        default=None,
        help="clip the gradient norm to this value > 0 (default: no clipping)",
    )
    run.add_argument(
        "--warmup-steps",
        type=int,
        default=defaults.warmup_steps,
        help="steps over which the learning rate rises linearly to --lr (0: constant)",
    )
    run.add_argument(
        "--curriculum-start",
        type=int,
        default=None,
        help="train on questions with this many objects first, one more each time the training accuracy "
        "of an evaluation window reaches 90%% (default: all --num-objects from the start)",
    )
    run.add_argument("--seed", type=int, default=0, help="seed of initialisation, training and test data")
    run.add_argument(
        "--seeds",
        type=int,
        nargs="+",
        default=None,
        metavar="SEED",
        help="several seeds (overrides --seed); the summary reports median and min-max",
    )
    run.add_argument("--eval-every", type=int, default=defaults.eval_every, help="steps between test evaluations")
    run.add_argument(
        "--test-size",
        type=int,
        default=defaults.test_size,
        help="size of the held-out test batch (its generator is seeded 2**31 + seed, "
        "so it never replays a training stream)",
    )
    run.add_argument(
        "--threads",
        type=int,
        default=defaults.threads,
        help="torch.set_num_threads while training; these tensors are small, and on a "
        "shared 2-core machine 1 thread was several times faster than 2 (0: torch's "
        "choice). Same seed and same thread count, same numbers",
    )
    run.add_argument("--device", default=defaults.device, help="torch device to train on")
    run.add_argument(
        "--distributed",
        action="store_true",
        help="data-parallel over the processes torchrun starts (gloo on CPU, NCCL on "
        "CUDA); --batch-size is the global batch, split evenly; process 0 writes "
        "the outputs. See rmc_ref/train/distributed.py",
    )
    task = parser.add_argument_group("task")
    task.add_argument("--num-objects", type=int, default=defaults.num_objects, help="objects per sequence (= classes)")
    task.add_argument("--num-features", type=int, default=defaults.num_features, help="features per object")
    model = parser.add_argument_group("model size")
    model.add_argument("--mem-slots", type=int, default=defaults.mem_slots, help="RMC memory slots N")
    model.add_argument("--head-size", type=int, default=defaults.head_size, help="RMC head size d_v")
    model.add_argument("--num-heads", type=int, default=defaults.num_heads, help="RMC attention heads H")
    model.add_argument("--num-blocks", type=int, default=defaults.num_blocks, help="RMC attention blocks per step")
    model.add_argument("--gate-style", choices=tuple(GATE_STYLE_NAMES), default="unit", help="RMC gating")
    model.add_argument(
        "--input-mode",
        choices=INPUT_MODES,
        default=defaults.input_mode,
        help="how the RMC meets its input: 'row' (paper) or 'tile' (the seed's cheat sheet)",
    )
    model.add_argument("--mlp-layers", type=int, default=defaults.mlp_layers, help="RMC attention MLP layers")
    model.add_argument(
        "--head-hidden",
        type=int,
        nargs="*",
        default=defaults.head_hidden,
        metavar="H",
        help="hidden sizes of the classifier MLP shared by both models (none: a linear read-out)",
    )
    model.add_argument(
        "--lstm-hidden", type=int, default=None, help="LSTM hidden size (default: matched to the RMC, see --match)"
    )
    model.add_argument(
        "--match",
        choices=MATCH_MODES,
        default=defaults.match,
        help="what the automatic LSTM size matches: 'classifier' = whole models (core + "
        "head) have equal parameter counts; 'core' = the two cores have",
    )
    output = parser.add_argument_group("output")
    output.add_argument("--out-dir", default="runs", help="checkpoints, history.json, summary.json and plots")
    output.add_argument(
        "--save-plot",
        "--save_plot",
        nargs="?",
        const="",
        default=None,
        metavar="PATH",
        help="save learning curves as a PNG (no PATH: OUT_DIR/learning_curves.png)",
    )
    output.add_argument(
        "--visualize",
        action="store_true",
        help="save the trained RMC's attention per head over one test sequence (OUT_DIR/attention_rmc.png)",
    )
    output.add_argument("--quiet", action="store_true", help="no progress bar and no per-evaluation log")
    return parser


def config_from_args(args: argparse.Namespace) -> TrainConfig:
    """The :class:`TrainConfig` of parsed arguments: every field of it that the namespace has (an option
    spelled as the field, ``--lr`` for ``lr``), the defaults for the rest; its checks raise
    :class:`ConfigError`. Other command lines (``rmc_course.sweep``) build their configs with it too."""
    given = {
        field.name: getattr(args, field.name) for field in dataclasses.fields(TrainConfig) if hasattr(args, field.name)
    }
    if "head_hidden" in given:
        given["head_hidden"] = list(given["head_hidden"])
    return TrainConfig(**given)


def save_attention_plot(
    model: SequenceClassifier, task: NthFarthest, test_set, path: Path, index: int = 0, input_row: bool = True
) -> Path:
    """Attention per head over one test sequence of a trained RMC classifier, saved as a PNG."""
    from ..viz import plot_attention_over_time

    inputs, labels = test_set
    example = inputs[index : index + 1]  # [1, T, D]
    with torch.no_grad():
        logits, attention = model(
            example.to(_model_device(model)), return_attention=True
        )  # [1, C], [1, T, blocks, H, Nq, Nk]
    object_ids = task.decode(example).object_ids[0].tolist()
    question = task.describe(inputs, labels, index)
    prediction = int(logits.argmax(dim=-1)[0])
    fig = plot_attention_over_time(
        attention[0].cpu(),
        block=0,
        step_labels=[f"t={t}: obj {o}" for t, o in enumerate(object_ids)],
        input_row=input_row,
        title=f"RMC attention per head over one test sequence (block 0)\n{question}; the model says {prediction}",
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    return path


def _write_json(path: Path, data) -> None:
    """Strict JSON: ``allow_nan=False`` refuses NaN / Infinity instead of writing invalid tokens."""
    path.write_text(json.dumps(data, indent=2, allow_nan=False) + "\n")


def _environment(config: TrainConfig) -> dict[str, Any]:
    import os
    import platform

    return {
        "threads": config.threads or torch.get_num_threads(),
        "device": config.device,
        "cpu_count": os.cpu_count(),
        "machine": platform.machine(),
        "processor": _cpu_name(),
        "python": platform.python_version(),
        "torch": torch.__version__,
    }


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    import platform

    return platform.processor() or "unknown"


def _fail(message: str) -> None:
    print(f"error: {' '.join(str(message).split())}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    kinds = list(KINDS) if args.model == "both" else [args.model]
    try:
        # Every check first, before any file is written or global state touched.
        config = config_from_args(args)
        seeds = (
            [check_seed(seed, "seeds") for seed in dict.fromkeys(args.seeds)] if args.seeds else [check_seed(args.seed)]
        )
        task = make_task(config)
        # Every automatic choice made once, up front (the LSTM's hidden size); build errors show here.
        resolved, parameters = resolve_models(kinds, task, config)
    except ConfigError as error:
        _fail(f"{error.option} {error.problem}")
        return 2
    except ValueError as error:
        _fail(error)
        return 2
    if args.distributed:
        try:
            rank, world_size = init_from_env(config.device)
            shard(config.batch_size, rank, world_size)
        except (RuntimeError, ValueError) as error:
            _fail(error)
            return 2
        if config.device.startswith("cuda"):
            local = f"cuda:{torch.cuda.current_device()}"
            config = dataclasses.replace(config, device=local)
            resolved = {kind: dataclasses.replace(value, device=local) for kind, value in resolved.items()}

    def run(arguments: argparse.Namespace) -> int:
        with torch_threads(config.threads):
            try:
                return _run(arguments, kinds, config, seeds, task, resolved, parameters)
            except TrainingDiverged as error:
                _fail(f"{error}; no summary written")
                return 1
            finally:
                finish()

    if args.distributed and rank > 0:  # the same loop, silent, its files thrown away
        return run_silently(run, args)
    return run(args)


def _run(args, kinds, config: TrainConfig, seeds, task: NthFarthest, resolved, parameters) -> int:
    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    log = None if args.quiet else (lambda message: tqdm.write(message, file=sys.stdout))

    if not args.quiet:
        print(f"task: {task}, input size {task.input_size}; chance level {task.chance:.1%} (1/{task.num_objects})")
        for kind in kinds:
            detail = (
                f"mem_slots={config.mem_slots} head_size={config.head_size} num_heads={config.num_heads} "
                f"num_blocks={config.num_blocks} gate_style={config.gate_style} input_mode={config.input_mode}"
                if kind == "rmc"
                else f"hidden_size={resolved[kind].lstm_hidden}"
            )
            counts = parameters[kind]
            print(
                f"{kind.upper():>4}: {counts['total']:,} parameters = core {counts['core']:,} + head "
                f"{counts['head']:,} ({detail}; head {config.head_hidden})"
            )
        if "lstm" in kinds and config.lstm_hidden is None:
            print(
                f"LSTM size matched to the RMC's {'whole classifier (core + head)' if config.match == 'classifier' else 'core'}"
                f" (--match {config.match})"
            )
        print(
            f"training {config.steps} steps x batch {config.batch_size}, Adam lr {config.lr:g}, "
            f"seeds {seeds}, test batch {config.test_size}, {config.threads or torch.get_num_threads()} "
            f"thread(s) on {config.device}; outputs in {out_dir}/"
        )

    histories: dict[str, dict[int, dict]] = {kind: {} for kind in kinds}
    seconds: dict[str, dict[int, float]] = {kind: {} for kind in kinds}
    first_rmc = None
    identical_replicas: list[bool] = []
    run_start = time.perf_counter()
    for seed in seeds:
        test_set = make_test_set(task, config.test_size, seed)
        for kind in kinds:
            start = time.perf_counter()
            model, history = train_one(kind, task, resolved[kind], seed, quiet=args.quiet, log=log, test_set=test_set)
            seconds[kind][seed] = time.perf_counter() - start
            histories[kind][seed] = history
            identical_replicas.append(replicas_identical(model))  # collective
            save_checkpoint(checkpoint_path(out_dir, kind, seed), kind, model, resolved[kind], history, seed)
            if kind == "rmc" and first_rmc is None:
                first_rmc = (model, test_set)
    total_seconds = time.perf_counter() - run_start

    summary = {
        "task": {"name": "nth_farthest", "num_objects": task.num_objects, "num_features": task.num_features},
        "chance": task.chance,
        "shortcut_accuracy": task.shortcut_accuracy,
        "seeds": seeds,
        "config": config.to_dict(),
        "match": config.match if config.lstm_hidden is None else "explicit lstm_hidden",
        "models": {},
        "total_train_seconds": round(total_seconds, 2),
        "environment": _environment(config),
        "rmc_ref_version": __version__,
    }
    if world()[1] > 1:
        summary["distributed"] = describe(all(identical_replicas), config.batch_size)
    finals = {kind: [histories[kind][seed]["test_acc"][-1] for seed in seeds] for kind in kinds}
    for kind in kinds:
        summary["models"][kind] = {
            "parameters": parameters[kind]["total"],
            "parameter_counts": parameters[kind],
            "config": resolved[kind].to_dict(),
            "final_test_acc": {str(seed): acc for seed, acc in zip(seeds, finals[kind])},
            "final_test_acc_summary": summarize(finals[kind]),
            "train_seconds": {str(seed): round(seconds[kind][seed], 2) for seed in seeds},
        }
    _write_json(
        out_dir / "history.json", {kind: {str(seed): histories[kind][seed] for seed in seeds} for kind in kinds}
    )
    _write_json(out_dir / "summary.json", summary)

    print(
        f"\nfinal test accuracy on {config.test_size} held-out examples after {config.steps} steps "
        f"(chance {task.chance:.1%}):"
    )
    header = f"{'model':<6} {'params':>9} {'core':>9} {'head':>9}  " + "  ".join(f"seed {s:>3}" for s in seeds)
    if len(seeds) > 1:
        header += "  median [min, max]"
    print(header)
    for kind in kinds:
        counts = parameters[kind]
        row = f"{kind.upper():<6} {counts['total']:>9,} {counts['core']:>9,} {counts['head']:>9,}  " + "  ".join(
            f"{acc:>8.1%}" for acc in finals[kind]
        )
        if len(seeds) > 1:
            stats = summary["models"][kind]["final_test_acc_summary"]
            row += f"  {stats['median']:.1%} [{stats['min']:.1%}, {stats['max']:.1%}]"
        print(row)
    print(
        f"shortcut level {task.shortcut_accuracy:.1%}: answer m when asked for the last rank (object m "
        "itself), guess otherwise -- reachable with no relational reasoning"
    )
    if len(seeds) == 1:
        print("one seed only: a difference between models is not evidence; rerun with --seeds 0 1 2 ...")

    if args.save_plot is not None:
        from ..viz import plot_learning_curves

        plot_path = Path(args.save_plot) if args.save_plot else out_dir / "learning_curves.png"
        fig = plot_learning_curves(
            {kind.upper(): [histories[kind][seed] for seed in seeds] for kind in kinds},
            chance=task.chance,
            reference_lines={"shortcut, no reasoning": task.shortcut_accuracy},
            title=f"N-th Farthest ({task.num_objects} objects): {config.steps} steps, batch "
            f"{config.batch_size}, lr {config.lr:g}, seeds {seeds}",
        )
        plot_path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(plot_path, dpi=110)
        print(f"learning curves: {plot_path}")
    if args.visualize:
        if first_rmc is None:
            print("--visualize: the LSTM has no attention weights to show; train the RMC (--model rmc or both)")
        else:
            model, test_set = first_rmc
            path = save_attention_plot(
                model, task, test_set, out_dir / "attention_rmc.png", input_row=config.input_mode == "row"
            )
            print(f"attention heatmaps (RMC, seed {seeds[0]}, test example 0): {path}")
    print(f"checkpoints, history.json and summary.json: {out_dir}/ ({total_seconds:.0f} s of training)")
    return 0
