"""Training loop and command line: the RMC against a parameter-matched LSTM on N-th Farthest.

    python -m rmc_ref.train --model both --save-plot runs/showdown.png --visualize
    python -m rmc_ref.train --seeds 0 1 2          # claims need several seeds
    python -m rmc_ref.train --help

Both models share everything but the core: the task, the classifier head (an MLP on the core's
last output), Adam, cross-entropy, the number of steps, the batches (the same training
generator seed) and the held-out test batch. The LSTM's hidden size is chosen so that the whole
LSTM classifier has as many parameters as the whole RMC classifier (``match="classifier"``, the
default) or so that the two *cores* have as many parameters (``match="core"``).

The defaults are sized for a short run on a 2-core CPU, not for the paper's result: the paper
trained with batch 1600 and learning rate 1e-4 for a very long time on a GPU. A short run shows
the machinery; measured, both models climb from chance (1/8) to the *shortcut* level 2/8
(``NthFarthest.shortcut_accuracy``) and stay there. That is no evidence that one model beats the
other. Compare over several seeds and report the spread.

Library use: :func:`train_one` trains one model and returns it with its history; every other
function here is a small step of it. :func:`main` is the console script ``rmc-train``. Every
check of a configuration value lives in :class:`TrainConfig`, which the command line and
:func:`train_one` share. No library call here changes torch's global state: the thread count is
restored, data come from ``torch.Generator`` objects, and the model is initialised inside
``torch.random.fork_rng``.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import math
import operator
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

import torch
import torch.nn.functional as F
from torch import nn
from tqdm.auto import tqdm

from . import distributed
from .version import __version__
from .baselines import LSTMBaseline, count_parameters, matched_lstm_hidden_size
from .classifier import SequenceClassifier
from .core import RelationalMemory
from .tasks.nth_farthest import NthFarthest

KINDS = ("rmc", "lstm")
GATE_STYLE_NAMES = {"unit": "unit", "memory": "memory", "none": None}  # CLI spelling -> library value
INPUT_MODES = ("row", "tile")
MATCH_MODES = ("classifier", "core")
# Seeds are integers in [0, SEED_LIMIT). The training batches come from a generator seeded
# ``seed`` and the held-out batch from one seeded ``TEST_SEED_OFFSET + seed``: the two ranges
# never meet, so no run's test questions are another (or the same) run's training batches. Both
# stay below 2**32 because torch's CPU generator (mt19937) keeps only the low 32 bits of a seed:
# manual_seed(2**32 + s) replays manual_seed(s).
SEED_LIMIT = 2**31
TEST_SEED_OFFSET = 2**31
PAPER_LR, PAPER_BATCH_SIZE = 1e-4, 1600


class ConfigError(ValueError):
    """A configuration value out of range; ``field`` names it (the CLI turns it into ``--field``)."""

    def __init__(self, field: str, problem: str):
        self.field, self.problem = field, problem
        super().__init__(f"{field} {problem}")

    @property
    def option(self) -> str:
        return "--" + self.field.replace("_", "-")

    def __reduce__(self):  # picklable, so it can cross a process boundary (a sweep's workers)
        return type(self), (self.field, self.problem)


class TrainingDiverged(RuntimeError):
    """The training loss (or the test loss) stopped being a finite number."""


def _int_at_least(field: str, value, minimum: int) -> int:
    if isinstance(value, bool):
        raise ConfigError(field, f"must be an integer >= {minimum}, got {value!r}")
    try:
        as_int = operator.index(value)
    except TypeError:
        raise ConfigError(field, f"must be an integer >= {minimum}, got {value!r}") from None
    if as_int < minimum:
        raise ConfigError(field, f"must be an integer >= {minimum}, got {as_int}")
    return as_int


def _positive_finite(field: str, value, allow_none: str = "") -> float | None:
    if value is None and allow_none:
        return None
    extra = f" ({allow_none})" if allow_none else ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(field, f"must be a finite number > 0{extra}, got {value!r}")
    value = float(value)
    if not (math.isfinite(value) and value > 0):
        raise ConfigError(field, f"must be a finite number > 0{extra}, got {value}")
    return value


def check_seed(seed, field: str = "seed") -> int:
    """A seed as an ``int`` in ``[0, SEED_LIMIT)``; :class:`ConfigError` otherwise."""
    seed = _int_at_least(field, seed, 0)
    if seed >= SEED_LIMIT:
        raise ConfigError(field, f"must be an integer < 2**31, got {seed}")
    return seed


def _check_device(value) -> str:
    try:
        device = torch.device(value)
    except (RuntimeError, TypeError) as error:
        raise ConfigError("device", f"must be a torch device such as 'cpu', got {value!r}") from error
    try:
        torch.empty(0, device=device)
    except (RuntimeError, AssertionError, AttributeError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ConfigError("device", f"{value!r} is not usable on this machine ({first_line})") from error
    return str(device)


@dataclasses.dataclass
class TrainConfig:
    """Everything that defines a run except the seed. Plain types only (saved in checkpoints).

    Every value is checked when the config is made (and again whenever :func:`train_one` or
    :func:`build_model` receives it): a bad value raises :class:`ConfigError` (a ``ValueError``)
    naming the field. ``gate_style`` takes the library's ``None`` or the command line's ``"none"``
    for "no gates" and stores ``None``.
    """

    # task
    num_objects: int = 8
    num_features: int = 16
    # RMC core
    mem_slots: int = 4
    head_size: int = 16
    num_heads: int = 4
    num_blocks: int = 1
    gate_style: str | None = "unit"  # 'unit' | 'memory' | None (no gates; "none" accepted)
    input_mode: str = "row"  # 'row' (paper) | 'tile' (seed)
    mlp_layers: int = 2
    # classifier head (shared by both models) and LSTM
    head_hidden: list[int] = dataclasses.field(default_factory=lambda: [256])
    lstm_hidden: int | None = None  # None: matched to the RMC (see `match`)
    match: str = "classifier"  # what lstm_hidden=None matches: 'classifier' (core + head) | 'core'
    # optimisation
    steps: int = 1000
    batch_size: int = 64
    lr: float = 1e-3
    clip_grad_norm: float | None = None  # None: no clipping
    eval_every: int = 100
    test_size: int = 1000
    # where it runs (the numbers are reproducible at a fixed thread count and device)
    threads: int = 1  # torch.set_num_threads during training (0: leave torch's setting)
    device: str = "cpu"

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> "TrainConfig":
        """Check (and normalise) every field in place; :class:`ConfigError` names the first bad one."""
        self.num_objects = _int_at_least("num_objects", self.num_objects, 2)
        for name in ("num_features", "mem_slots", "head_size", "num_heads", "num_blocks", "mlp_layers",
                     "steps", "batch_size", "eval_every", "test_size"):
            setattr(self, name, _int_at_least(name, getattr(self, name), 1))
        if isinstance(self.gate_style, str) and self.gate_style in GATE_STYLE_NAMES:
            self.gate_style = GATE_STYLE_NAMES[self.gate_style]
        elif self.gate_style is not None:
            raise ConfigError("gate_style", f"must be one of 'unit', 'memory', None or 'none', "
                                            f"got {self.gate_style!r}")
        if self.input_mode not in INPUT_MODES:
            raise ConfigError("input_mode", f"must be one of {INPUT_MODES}, got {self.input_mode!r}")
        if self.match not in MATCH_MODES:
            raise ConfigError("match", f"must be one of {MATCH_MODES}, got {self.match!r}")
        if isinstance(self.head_hidden, (str, bytes)) or not isinstance(self.head_hidden, Sequence):
            raise ConfigError("head_hidden", f"must be a list of integers >= 1, got {self.head_hidden!r}")
        self.head_hidden = [_int_at_least("head_hidden", size, 1) for size in self.head_hidden]
        if self.lstm_hidden is not None:
            self.lstm_hidden = _int_at_least("lstm_hidden", self.lstm_hidden, 1)
        self.lr = _positive_finite("lr", self.lr)
        self.clip_grad_norm = _positive_finite("clip_grad_norm", self.clip_grad_norm,
                                               allow_none="or None for no clipping")
        self.threads = _int_at_least("threads", self.threads, 0)
        self.device = _check_device(self.device)
        return self

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> "TrainConfig":
        names = {field.name for field in dataclasses.fields(cls)}
        unknown = sorted(set(values) - names)
        if unknown:
            raise ValueError(f"unknown config keys {unknown}; known: {sorted(names)}")
        return cls(**dict(values))


def _as_config(config: TrainConfig | Mapping[str, Any]) -> TrainConfig:
    """A validated copy: a ``TrainConfig`` changed after construction is checked again here."""
    if isinstance(config, TrainConfig):
        return dataclasses.replace(config)  # replace() runs __post_init__, hence validate()
    if not isinstance(config, Mapping):
        raise TypeError(f"config must be a TrainConfig or a dict, got {type(config).__name__}")
    return TrainConfig.from_dict(config)


@contextlib.contextmanager
def torch_threads(threads: int) -> Iterator[None]:
    """Run the block with ``torch.set_num_threads(threads)`` (0: unchanged), then restore the count."""
    previous = torch.get_num_threads()
    if threads:
        torch.set_num_threads(threads)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


def make_task(config: TrainConfig | Mapping[str, Any]) -> NthFarthest:
    config = _as_config(config)
    return NthFarthest(num_objects=config.num_objects, num_features=config.num_features)


def _check_task(task: NthFarthest, config: TrainConfig) -> None:
    if (task.num_objects, task.num_features) != (config.num_objects, config.num_features):
        raise ValueError(f"the task has num_objects={task.num_objects}, num_features={task.num_features} "
                         f"but the config says num_objects={config.num_objects}, "
                         f"num_features={config.num_features}")


# ---------------------------------------------------------------------------------------------
# models


def build_rmc_core(task: NthFarthest, config: TrainConfig | Mapping[str, Any]) -> RelationalMemory:
    config = _as_config(config)
    return RelationalMemory(task.input_size, config.mem_slots, config.head_size,
                            num_heads=config.num_heads, num_blocks=config.num_blocks,
                            gate_style=config.gate_style,
                            attention_mlp_layers=config.mlp_layers, input_mode=config.input_mode)


def _matched_lstm_hidden(task: NthFarthest, config: TrainConfig | Mapping[str, Any]) -> int:
    """LSTM hidden size matched to the RMC: whole classifiers (core + head) or cores (``config.match``).

    Builds the RMC core only to count it, inside ``fork_rng`` so torch's global random state is
    left untouched.
    """
    config = _as_config(config)
    with torch.random.fork_rng(devices=[]):
        core = build_rmc_core(task, config)
    if config.match == "core":
        return matched_lstm_hidden_size(core)
    return matched_lstm_hidden_size(core, num_classes=task.num_classes, head_hidden_sizes=config.head_hidden)


def resolve_config(kind: str, task: NthFarthest, config: TrainConfig | Mapping[str, Any]) -> TrainConfig:
    """The config with every automatic choice made (the LSTM's hidden size), as saved in checkpoints."""
    config = _as_config(config)
    if kind == "lstm" and config.lstm_hidden is None:
        config.lstm_hidden = _matched_lstm_hidden(task, config)
    return config


def build_model(kind: str, task: NthFarthest, config: TrainConfig | Mapping[str, Any]) -> SequenceClassifier:
    """An untrained classifier on the CPU: ``'rmc'`` or ``'lstm'`` core + MLP head.

    Like any ``nn.Module`` constructor it draws its initial weights from torch's global RNG;
    :func:`train_one` and :func:`load_checkpoint` call it inside ``torch.random.fork_rng``.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    config = resolve_config(kind, task, config)
    _check_task(task, config)
    if kind == "rmc":
        core = build_rmc_core(task, config)
    else:
        core = LSTMBaseline(task.input_size, config.lstm_hidden)
    return SequenceClassifier(core, task.num_classes, config.head_hidden)


def parameter_counts(model: SequenceClassifier) -> dict[str, int]:
    """``{"core": ..., "head": ..., "total": ...}``: trainable parameters of each part."""
    core, head = count_parameters(model.core), count_parameters(model.head)
    return {"core": core, "head": head, "total": count_parameters(model)}


def resolve_models(kinds: Sequence[str], task: NthFarthest, config: TrainConfig | Mapping[str, Any],
                   ) -> tuple[dict[str, TrainConfig], dict[str, dict[str, int]]]:
    """``(resolved configs, parameter counts)`` of each kind: every automatic choice made once, up front.

    The models are built only to count them, inside ``fork_rng`` (torch's global random state is
    left untouched); a configuration that cannot be built fails here, before any training.
    """
    resolved = {kind: resolve_config(kind, task, config) for kind in kinds}
    parameters = {}
    for kind in kinds:
        with torch.random.fork_rng(devices=[]):
            parameters[kind] = parameter_counts(build_model(kind, task, resolved[kind]))
    return resolved, parameters


def _model_device(model: nn.Module) -> torch.device:
    return next(model.parameters()).device


# ---------------------------------------------------------------------------------------------
# data, evaluation, training


def make_test_set(task: NthFarthest, test_size: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """The fixed held-out batch of a run: its own generator, seeded ``TEST_SEED_OFFSET + seed``.

    Training generators are seeded with ``seed`` itself, below ``TEST_SEED_OFFSET``, so a test
    generator never replays a training stream.
    """
    seed = check_seed(seed)
    test_size = _int_at_least("test_size", test_size, 1)
    return task.sample(test_size, generator=torch.Generator().manual_seed(TEST_SEED_OFFSET + seed))


@torch.no_grad()
def evaluate(model: nn.Module, inputs: torch.Tensor, labels: torch.Tensor,
             chunk_size: int = 2048) -> tuple[float, float]:
    """Mean cross-entropy and accuracy of ``model`` on ``inputs [B, T, D]``, ``labels [B]``.

    The data are moved to the model's device chunk by chunk; the model's train/eval mode is restored.
    """
    if len(labels) == 0:
        raise ValueError("evaluate needs at least one example, got 0 labels")
    device = _model_device(model)
    was_training = model.training
    model.eval()
    total_loss, correct = 0.0, 0
    try:
        for start in range(0, len(labels), chunk_size):
            batch_inputs = inputs[start:start + chunk_size].to(device)  # [b, T, D]
            batch_labels = labels[start:start + chunk_size].to(device)  # [b]
            logits = model(batch_inputs)  # [b, C]
            total_loss += F.cross_entropy(logits, batch_labels, reduction="sum").item()
            correct += (logits.argmax(dim=-1) == batch_labels).sum().item()
    finally:
        model.train(was_training)
    return total_loss / len(labels), correct / len(labels)


def new_history() -> dict[str, list]:
    return {"step": [], "train_loss": [], "train_acc": [], "test_loss": [], "test_acc": []}


def _diverged(kind: str, seed: int, step: int, what: str, value: float, config: TrainConfig) -> TrainingDiverged:
    clip = (f"a smaller clip_grad_norm (now {config.clip_grad_norm:g})" if config.clip_grad_norm
            else "clip_grad_norm (e.g. 1.0)")
    return TrainingDiverged(f"{kind} seed {seed} diverged at step {step}: the {what} is {value}; "
                            f"try a smaller lr (now {config.lr:g}) or {clip}")


def train_one(kind: str, task: NthFarthest, config: TrainConfig | Mapping[str, Any], seed: int = 0,
              quiet: bool = True, log: Callable[[str], None] | None = None,
              test_set: tuple[torch.Tensor, torch.Tensor] | None = None, *,
              threads: int | None = None, device: str | torch.device | None = None,
              metrics: Callable[[nn.Module, torch.Tensor, torch.Tensor], Mapping[str, Any]] | None = None,
              on_evaluation: Callable[[int, Mapping[str, list]], None] | None = None,
              on_train_start: Callable[[], None] | None = None,
              ) -> tuple[SequenceClassifier, dict[str, list]]:
    """Train one model for ``config.steps`` steps; return it (in eval mode) and its history.

    ``seed`` seeds the model's initialisation (inside ``torch.random.fork_rng``, so torch's global
    generator is left as it was), the training batches (a ``torch.Generator`` seeded ``seed``) and,
    unless ``test_set`` is given, the held-out batch (seeded ``TEST_SEED_OFFSET + seed``). Every
    ``config.eval_every`` steps and at the last step the history records the step, the mean train
    loss and accuracy since the previous record, and the test loss and accuracy.

    ``threads`` and ``device`` override ``config.threads`` / ``config.device``; the thread count
    is restored on return. Raises :class:`TrainingDiverged` as soon as a loss is not finite.

    ``metrics(model, test_inputs, test_labels)``, if given, replaces :func:`evaluate`: it returns a
    dict with at least ``"test_loss"`` and ``"test_acc"``, and every key it returns gets a list in
    the history (this is how :mod:`rmc_course.sweep` records the relational breakdown).
    ``on_evaluation(step, history)`` is called after each record, ``on_train_start()`` once the
    model, optimiser and data are ready, just before the first step (a clock of training time).
    """
    config = _as_config(config)
    overrides = {name: value for name, value in (("threads", threads), ("device", device)) if value is not None}
    if overrides:
        config = dataclasses.replace(config, **{k: str(v) if k == "device" else v for k, v in overrides.items()})
    seed = check_seed(seed)
    config = resolve_config(kind, task, config)
    with torch_threads(config.threads):
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            model = build_model(kind, task, config)
        model.to(config.device)
        # torchrun (rmc_ref.distributed): this process's slice of every global batch, and DDP to
        # average gradients; one process: the whole batch and the model itself
        part = distributed.shard(config.batch_size, *distributed.world())
        trained = distributed.wrap(model)
        train_generator = torch.Generator().manual_seed(seed)
        test_inputs, test_labels = test_set if test_set is not None else make_test_set(task, config.test_size, seed)
        optimizer = torch.optim.Adam(model.parameters(), lr=config.lr)
        history = new_history()
        window_loss, window_correct, window_seen = 0.0, 0, 0
        model.train()
        progress = tqdm(range(1, config.steps + 1), desc=f"{kind} seed {seed}", disable=quiet,
                        file=sys.stderr, dynamic_ncols=True, leave=False)
        if on_train_start is not None:
            on_train_start()
        try:
            for step in progress:
                inputs, labels = task.sample(config.batch_size, generator=train_generator)  # [B, T, D], [B]
                inputs, labels = inputs[part].to(config.device), labels[part].to(config.device)  # [b, T, D], [b]
                logits = trained(inputs)  # [b, C]
                loss = F.cross_entropy(logits, labels)
                loss_value = loss.item()
                if not math.isfinite(loss_value):
                    raise _diverged(kind, seed, step, "training loss", loss_value, config)
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                if config.clip_grad_norm is not None:
                    nn.utils.clip_grad_norm_(model.parameters(), config.clip_grad_norm)
                optimizer.step()

                window_loss += loss_value * len(labels)
                window_correct += (logits.argmax(dim=-1) == labels).sum().item()
                window_seen += len(labels)
                if step % 10 == 0 or step == config.steps:
                    progress.set_postfix(loss=f"{window_loss / window_seen:.3f}",
                                         acc=f"{window_correct / window_seen:.3f}", refresh=False)
                if step % config.eval_every == 0 or step == config.steps:
                    measured = (dict(zip(("test_loss", "test_acc"), evaluate(model, test_inputs, test_labels)))
                                if metrics is None else dict(metrics(model, test_inputs, test_labels)))
                    if not {"test_loss", "test_acc"} <= measured.keys():
                        raise ValueError(f"metrics must return 'test_loss' and 'test_acc', got {sorted(measured)}")
                    test_loss, test_acc = measured["test_loss"], measured["test_acc"]
                    if not math.isfinite(test_loss):
                        raise _diverged(kind, seed, step, "test loss", test_loss, config)
                    history["step"].append(step)
                    history["train_loss"].append(window_loss / window_seen)
                    history["train_acc"].append(window_correct / window_seen)
                    for key, value in measured.items():
                        history.setdefault(key, []).append(value)
                    window_loss, window_correct, window_seen = 0.0, 0, 0
                    if log is not None:
                        log(f"{kind:>4} seed {seed} step {step:>6}: train loss {history['train_loss'][-1]:.4f} "
                            f"acc {history['train_acc'][-1]:.3f} | test loss {test_loss:.4f} acc {test_acc:.3f}")
                    if on_evaluation is not None:
                        on_evaluation(step, history)
        finally:
            progress.close()
    model.eval()
    return model, history


# ---------------------------------------------------------------------------------------------
# checkpoints


def checkpoint_path(out_dir: str | Path, kind: str, seed: int) -> Path:
    return Path(out_dir) / f"{kind}_seed{seed}.pt"


def save_checkpoint(path: str | Path, kind: str, model: nn.Module, config: TrainConfig | Mapping[str, Any],
                    history: Mapping[str, list], seed: int) -> Path:
    """Save plain types only, so :func:`load_checkpoint` can use ``torch.load(weights_only=True)``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    checkpoint = {
        "kind": kind,
        "seed": int(seed),
        "config": _as_config(config).to_dict(),
        "history": {key: list(values) for key, values in history.items()},
        "model": {name: tensor.cpu() for name, tensor in model.state_dict().items()},
        "rmc_ref_version": __version__,
    }
    torch.save(checkpoint, path)
    return path


def load_checkpoint(path: str | Path) -> tuple[SequenceClassifier, dict[str, Any]]:
    """Rebuild the trained model of a checkpoint: ``(model in eval mode on the CPU, checkpoint dict)``.

    Uses ``torch.load(..., weights_only=True)``: only tensors and plain Python types are
    unpickled, so a checkpoint from elsewhere cannot run code on your machine. The model is
    built inside ``torch.random.fork_rng``: loading leaves torch's global generator as it was.
    """
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    missing = [key for key in ("kind", "config", "model") if key not in checkpoint]
    if missing:
        raise ValueError(f"{path} is not an rmc_ref checkpoint: missing {missing}")
    config = TrainConfig.from_dict({**checkpoint["config"], "device": "cpu"})
    with torch.random.fork_rng(devices=[]):
        model = build_model(checkpoint["kind"], make_task(config), config)
    model.load_state_dict(checkpoint["model"])
    model.eval()
    return model, checkpoint


# ---------------------------------------------------------------------------------------------
# command line


def summarize(final_accuracies: Sequence[float]) -> dict[str, float]:
    values = list(final_accuracies)
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


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
        formatter_class=_HelpFormatter)
    run = parser.add_argument_group("run")
    run.add_argument("--model", choices=("rmc", "lstm", "both"), default="both", help="which model(s) to train")
    run.add_argument("--steps", type=int, default=defaults.steps, help="optimiser steps per model")
    run.add_argument("--batch-size", type=int, default=defaults.batch_size,
                     help=f"training batch size (the paper used {PAPER_BATCH_SIZE})")
    run.add_argument("--lr", type=float, default=defaults.lr,
                     help=f"Adam learning rate (the paper used {PAPER_LR:.0e}, too slow for a short run)")
    run.add_argument("--clip-grad-norm", type=float, default=None,
                     help="clip the gradient norm to this value > 0 (default: no clipping)")
    run.add_argument("--seed", type=int, default=0, help="seed of initialisation, training and test data")
    run.add_argument("--seeds", type=int, nargs="+", default=None, metavar="SEED",
                     help="several seeds (overrides --seed); the summary reports median and min-max")
    run.add_argument("--eval-every", type=int, default=defaults.eval_every, help="steps between test evaluations")
    run.add_argument("--test-size", type=int, default=defaults.test_size,
                     help="size of the held-out test batch (its generator is seeded 2**31 + seed, "
                          "so it never replays a training stream)")
    run.add_argument("--threads", type=int, default=defaults.threads,
                     help="torch.set_num_threads while training; these tensors are small, and on a "
                          "shared 2-core machine 1 thread was several times faster than 2 (0: torch's "
                          "choice). Same seed and same thread count, same numbers")
    run.add_argument("--device", default=defaults.device, help="torch device to train on")
    run.add_argument("--distributed", action="store_true",
                     help="data-parallel over the processes torchrun starts (gloo on CPU, NCCL on "
                          "CUDA); --batch-size is the global batch, split evenly; process 0 writes "
                          "the outputs. See rmc_ref/distributed.py")
    task = parser.add_argument_group("task")
    task.add_argument("--num-objects", type=int, default=defaults.num_objects, help="objects per sequence (= classes)")
    task.add_argument("--num-features", type=int, default=defaults.num_features, help="features per object")
    model = parser.add_argument_group("model size")
    model.add_argument("--mem-slots", type=int, default=defaults.mem_slots, help="RMC memory slots N")
    model.add_argument("--head-size", type=int, default=defaults.head_size, help="RMC head size d_v")
    model.add_argument("--num-heads", type=int, default=defaults.num_heads, help="RMC attention heads H")
    model.add_argument("--num-blocks", type=int, default=defaults.num_blocks, help="RMC attention blocks per step")
    model.add_argument("--gate-style", choices=tuple(GATE_STYLE_NAMES), default="unit", help="RMC gating")
    model.add_argument("--input-mode", choices=INPUT_MODES, default=defaults.input_mode,
                       help="how the RMC meets its input: 'row' (paper) or 'tile' (the seed's cheat sheet)")
    model.add_argument("--mlp-layers", type=int, default=defaults.mlp_layers, help="RMC attention MLP layers")
    model.add_argument("--head-hidden", type=int, nargs="*", default=defaults.head_hidden, metavar="H",
                       help="hidden sizes of the classifier MLP shared by both models (none: a linear read-out)")
    model.add_argument("--lstm-hidden", type=int, default=None,
                       help="LSTM hidden size (default: matched to the RMC, see --match)")
    model.add_argument("--match", choices=MATCH_MODES, default=defaults.match,
                       help="what the automatic LSTM size matches: 'classifier' = whole models (core + "
                            "head) have equal parameter counts; 'core' = the two cores have")
    output = parser.add_argument_group("output")
    output.add_argument("--out-dir", default="runs", help="checkpoints, history.json, summary.json and plots")
    output.add_argument("--save-plot", "--save_plot", nargs="?", const="", default=None, metavar="PATH",
                        help="save learning curves as a PNG (no PATH: OUT_DIR/learning_curves.png)")
    output.add_argument("--visualize", action="store_true",
                        help="save the trained RMC's attention per head over one test sequence "
                             "(OUT_DIR/attention_rmc.png)")
    output.add_argument("--quiet", action="store_true", help="no progress bar and no per-evaluation log")
    return parser


def config_from_args(args: argparse.Namespace) -> TrainConfig:
    """The :class:`TrainConfig` of parsed arguments; its checks raise :class:`ConfigError`."""
    return TrainConfig(
        num_objects=args.num_objects, num_features=args.num_features, mem_slots=args.mem_slots,
        head_size=args.head_size, num_heads=args.num_heads, num_blocks=args.num_blocks,
        gate_style=args.gate_style, input_mode=args.input_mode, mlp_layers=args.mlp_layers,
        head_hidden=list(args.head_hidden), lstm_hidden=args.lstm_hidden, match=args.match,
        steps=args.steps, batch_size=args.batch_size, lr=args.lr, clip_grad_norm=args.clip_grad_norm,
        eval_every=args.eval_every, test_size=args.test_size, threads=args.threads, device=args.device)


def save_attention_plot(model: SequenceClassifier, task: NthFarthest, test_set, path: Path,
                        index: int = 0, input_row: bool = True) -> Path:
    """Attention per head over one test sequence of a trained RMC classifier, saved as a PNG."""
    from .viz import plot_attention_over_time

    inputs, labels = test_set
    example = inputs[index:index + 1]  # [1, T, D]
    with torch.no_grad():
        logits, attention = model(example.to(_model_device(model)), return_attention=True)  # [1, C], [1, T, blocks, H, Nq, Nk]
    object_ids = task.decode(example).object_ids[0].tolist()
    question = task.describe(inputs, labels, index)
    prediction = int(logits.argmax(dim=-1)[0])
    fig = plot_attention_over_time(
        attention[0].cpu(), block=0, step_labels=[f"t={t}: obj {o}" for t, o in enumerate(object_ids)],
        input_row=input_row,
        title=f"RMC attention per head over one test sequence (block 0)\n{question}; the model says {prediction}")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    return path


def _write_json(path: Path, data) -> None:
    """Strict JSON: ``allow_nan=False`` refuses NaN / Infinity instead of writing invalid tokens."""
    path.write_text(json.dumps(data, indent=2, allow_nan=False) + "\n")


def _environment(config: TrainConfig) -> dict[str, Any]:
    import os
    import platform

    return {"threads": config.threads or torch.get_num_threads(), "device": config.device,
            "cpu_count": os.cpu_count(), "machine": platform.machine(), "processor": _cpu_name(),
            "python": platform.python_version(), "torch": torch.__version__}


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
        seeds = ([check_seed(seed, "seeds") for seed in dict.fromkeys(args.seeds)] if args.seeds
                 else [check_seed(args.seed)])
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
            rank, world_size = distributed.init_from_env(config.device)
            distributed.shard(config.batch_size, rank, world_size)
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
                distributed.finish()

    if args.distributed and rank > 0:  # the same loop, silent, its files thrown away
        return distributed.run_silently(run, args)
    return run(args)


def _run(args, kinds, config: TrainConfig, seeds, task: NthFarthest, resolved, parameters) -> int:
    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    log = None if args.quiet else (lambda message: tqdm.write(message, file=sys.stdout))

    if not args.quiet:
        print(f"task: {task}, input size {task.input_size}; chance level {task.chance:.1%} "
              f"(1/{task.num_objects})")
        for kind in kinds:
            detail = (f"mem_slots={config.mem_slots} head_size={config.head_size} num_heads={config.num_heads} "
                      f"num_blocks={config.num_blocks} gate_style={config.gate_style} input_mode={config.input_mode}"
                      if kind == "rmc" else f"hidden_size={resolved[kind].lstm_hidden}")
            counts = parameters[kind]
            print(f"{kind.upper():>4}: {counts['total']:,} parameters = core {counts['core']:,} + head "
                  f"{counts['head']:,} ({detail}; head {config.head_hidden})")
        if "lstm" in kinds and config.lstm_hidden is None:
            print(f"LSTM size matched to the RMC's {'whole classifier (core + head)' if config.match == 'classifier' else 'core'}"
                  f" (--match {config.match})")
        print(f"training {config.steps} steps x batch {config.batch_size}, Adam lr {config.lr:g}, "
              f"seeds {seeds}, test batch {config.test_size}, {config.threads or torch.get_num_threads()} "
              f"thread(s) on {config.device}; outputs in {out_dir}/")

    histories: dict[str, dict[int, dict]] = {kind: {} for kind in kinds}
    seconds: dict[str, dict[int, float]] = {kind: {} for kind in kinds}
    first_rmc = None
    identical_replicas: list[bool] = []
    run_start = time.perf_counter()
    for seed in seeds:
        test_set = make_test_set(task, config.test_size, seed)
        for kind in kinds:
            start = time.perf_counter()
            model, history = train_one(kind, task, resolved[kind], seed, quiet=args.quiet, log=log,
                                       test_set=test_set)
            seconds[kind][seed] = time.perf_counter() - start
            histories[kind][seed] = history
            identical_replicas.append(distributed.replicas_identical(model))  # collective
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
    if distributed.world()[1] > 1:
        summary["distributed"] = distributed.describe(all(identical_replicas), config.batch_size)
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
    _write_json(out_dir / "history.json",
                {kind: {str(seed): histories[kind][seed] for seed in seeds} for kind in kinds})
    _write_json(out_dir / "summary.json", summary)

    print(f"\nfinal test accuracy on {config.test_size} held-out examples after {config.steps} steps "
          f"(chance {task.chance:.1%}):")
    header = f"{'model':<6} {'params':>9} {'core':>9} {'head':>9}  " + "  ".join(f"seed {s:>3}" for s in seeds)
    if len(seeds) > 1:
        header += "  median [min, max]"
    print(header)
    for kind in kinds:
        counts = parameters[kind]
        row = (f"{kind.upper():<6} {counts['total']:>9,} {counts['core']:>9,} {counts['head']:>9,}  "
               + "  ".join(f"{acc:>8.1%}" for acc in finals[kind]))
        if len(seeds) > 1:
            stats = summary["models"][kind]["final_test_acc_summary"]
            row += f"  {stats['median']:.1%} [{stats['min']:.1%}, {stats['max']:.1%}]"
        print(row)
    print(f"shortcut level {task.shortcut_accuracy:.1%}: answer m when asked for the last rank (object m "
          "itself), guess otherwise -- reachable with no relational reasoning")
    if len(seeds) == 1:
        print("one seed only: a difference between models is not evidence; rerun with --seeds 0 1 2 ...")

    if args.save_plot is not None:
        from .viz import plot_learning_curves

        plot_path = Path(args.save_plot) if args.save_plot else out_dir / "learning_curves.png"
        fig = plot_learning_curves(
            {kind.upper(): [histories[kind][seed] for seed in seeds] for kind in kinds}, chance=task.chance,
            reference_lines={"shortcut, no reasoning": task.shortcut_accuracy},
            title=f"N-th Farthest ({task.num_objects} objects): {config.steps} steps, batch "
                  f"{config.batch_size}, lr {config.lr:g}, seeds {seeds}")
        plot_path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(plot_path, dpi=110)
        print(f"learning curves: {plot_path}")
    if args.visualize:
        if first_rmc is None:
            print("--visualize: the LSTM has no attention weights to show; train the RMC (--model rmc or both)")
        else:
            model, test_set = first_rmc
            path = save_attention_plot(model, task, test_set, out_dir / "attention_rmc.png",
                                       input_row=config.input_mode == "row")
            print(f"attention heatmaps (RMC, seed {seeds[0]}, test example 0): {path}")
    print(f"checkpoints, history.json and summary.json: {out_dir}/ ({total_seconds:.0f} s of training)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
