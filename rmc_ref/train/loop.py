"""The training loop: the two models, the data, evaluation and :func:`train_one`.

Both models share everything but the core: a classifier head (an MLP on the core's last output)
on an RMC core or on an LSTM whose hidden size is matched to the RMC (:func:`resolve_config`).
:func:`train_one` trains one of them with Adam and cross-entropy on batches from a
``torch.Generator`` seeded ``seed``, and evaluates it on a held-out batch of its own
(:func:`make_test_set`).

The public functions check the config they receive (:class:`~rmc_ref.train.config.TrainConfig`
or a dict of its fields) once, on entry; the private helpers they call (``_resolved``,
``_build``, ``_rmc_core``, ``_matched_lstm_hidden``) take that checked config as it is.
"""

from __future__ import annotations

import copy
import math
import statistics
import sys
from typing import Any, Callable, Mapping, Sequence

import torch
import torch.nn.functional as F
from torch import nn
from tqdm.auto import tqdm

from ..baselines import LSTMBaseline, count_parameters, matched_lstm_hidden_size
from ..classifier import SequenceClassifier
from ..core import RelationalMemory
from ..tasks.nth_farthest import NthFarthest
from .config import (
    CURRICULUM_ADVANCE,
    KINDS,
    TEST_SEED_OFFSET,
    TrainConfig,
    _as_config,
    _int_at_least,
    check_seed,
    torch_threads,
)
from .distributed import global_sum, shard, world, wrap


class TrainingDiverged(RuntimeError):
    """The training loss (or the test loss) stopped being a finite number."""


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")


def _check_task(task: NthFarthest, config: TrainConfig) -> None:
    if (task.num_objects, task.num_features) != (config.num_objects, config.num_features):
        raise ValueError(
            f"the task has num_objects={task.num_objects}, num_features={task.num_features} "
            f"but the config says num_objects={config.num_objects}, "
            f"num_features={config.num_features}"
        )


# ---------------------------------------------------------------------------------------------
# models


def build_rmc_core(task: NthFarthest, config: TrainConfig | Mapping[str, Any]) -> RelationalMemory:
    """The RMC core the config describes, for the task's input size."""
    return _rmc_core(task, _as_config(config))


def _rmc_core(task: NthFarthest, config: TrainConfig) -> RelationalMemory:
    """:func:`build_rmc_core` of a checked config."""
    return RelationalMemory(
        task.input_size,
        config.mem_slots,
        config.head_size,
        num_heads=config.num_heads,
        num_blocks=config.num_blocks,
        gate_style=config.gate_style,
        attention_mlp_layers=config.mlp_layers,
        input_mode=config.input_mode,
    )


def _matched_lstm_hidden(task: NthFarthest, config: TrainConfig) -> int:
    """LSTM hidden size matched to the RMC: whole classifiers (core + head) or cores (``config.match``).

    ``config`` is checked already. Builds the RMC core only to count it, inside ``fork_rng`` so
    torch's global random state is left untouched.
    """
    with torch.random.fork_rng(devices=[]):
        core = _rmc_core(task, config)
    if config.match == "core":
        return matched_lstm_hidden_size(core)
    return matched_lstm_hidden_size(core, num_classes=task.num_classes, head_hidden_sizes=config.head_hidden)


def resolve_config(kind: str, task: NthFarthest, config: TrainConfig | Mapping[str, Any]) -> TrainConfig:
    """The config with every automatic choice made (the LSTM's hidden size), as saved in checkpoints."""
    return _resolved(kind, task, _as_config(config))


def _resolved(kind: str, task: NthFarthest, config: TrainConfig) -> TrainConfig:
    """:func:`resolve_config` of a checked config: a copy, which is not checked again."""
    resolved = copy.deepcopy(config)  # a copy without __post_init__, hence without validate()
    if kind == "lstm" and resolved.lstm_hidden is None:
        resolved.lstm_hidden = _matched_lstm_hidden(task, resolved)
    return resolved


def build_model(kind: str, task: NthFarthest, config: TrainConfig | Mapping[str, Any]) -> SequenceClassifier:
    """An untrained classifier on the CPU: ``'rmc'`` or ``'lstm'`` core + MLP head.

    Like any ``nn.Module`` constructor it draws its initial weights from torch's global RNG;
    :func:`train_one` and :func:`~rmc_ref.train.checkpoints.load_checkpoint` call it inside
    ``torch.random.fork_rng``.
    """
    _check_kind(kind)
    config = _as_config(config)
    _check_task(task, config)
    return _build(kind, task, _resolved(kind, task, config))


def _build(kind: str, task: NthFarthest, config: TrainConfig) -> SequenceClassifier:
    """:func:`build_model` of a known kind, a task that agrees with the config, a checked and resolved config."""
    if kind == "rmc":
        core = _rmc_core(task, config)
    else:
        core = LSTMBaseline(task.input_size, config.lstm_hidden)
    return SequenceClassifier(core, task.num_classes, config.head_hidden)


def parameter_counts(model: SequenceClassifier) -> dict[str, int]:
    """``{"core": ..., "head": ..., "total": ...}``: trainable parameters of each part."""
    core, head = count_parameters(model.core), count_parameters(model.head)
    return {"core": core, "head": head, "total": count_parameters(model)}


def resolve_models(
    kinds: Sequence[str],
    task: NthFarthest,
    config: TrainConfig | Mapping[str, Any],
) -> tuple[dict[str, TrainConfig], dict[str, dict[str, int]]]:
    """``(resolved configs, parameter counts)`` of each kind: every automatic choice made once, up front.

    The models are built only to count them, inside ``fork_rng`` (torch's global random state is
    left untouched); a configuration that cannot be built fails here, before any training.
    """
    config = _as_config(config)
    for kind in kinds:
        _check_kind(kind)
    _check_task(task, config)
    resolved = {kind: _resolved(kind, task, config) for kind in kinds}
    parameters = {}
    for kind in kinds:
        with torch.random.fork_rng(devices=[]):
            parameters[kind] = parameter_counts(_build(kind, task, resolved[kind]))
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
def evaluate(
    model: nn.Module, inputs: torch.Tensor, labels: torch.Tensor, chunk_size: int = 2048
) -> tuple[float, float]:
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
            batch_inputs = inputs[start : start + chunk_size].to(device)  # [b, T, D]
            batch_labels = labels[start : start + chunk_size].to(device)  # [b]
            logits = model(batch_inputs)  # [b, C]
            total_loss += F.cross_entropy(logits, batch_labels, reduction="sum").item()
            correct += (logits.argmax(dim=-1) == batch_labels).sum().item()
    finally:
        model.train(was_training)
    return total_loss / len(labels), correct / len(labels)


def new_history() -> dict[str, list]:
    return {"step": [], "train_loss": [], "train_acc": [], "test_loss": [], "test_acc": []}


def _diverged(kind: str, seed: int, step: int, what: str, value: float, config: TrainConfig) -> TrainingDiverged:
    clip = (
        f"a smaller clip_grad_norm (now {config.clip_grad_norm:g})"
        if config.clip_grad_norm
        else "clip_grad_norm (e.g. 1.0)"
    )
    return TrainingDiverged(
        f"{kind} seed {seed} diverged at step {step}: the {what} is {value}; "
        f"try a smaller lr (now {config.lr:g}) or {clip}"
    )


def train_one(
    kind: str,
    task: NthFarthest,
    config: TrainConfig | Mapping[str, Any],
    seed: int = 0,
    quiet: bool = True,
    log: Callable[[str], None] | None = None,
    test_set: tuple[torch.Tensor, torch.Tensor] | None = None,
    *,
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

    The config says everything about the run, where it runs too: it trains on ``config.device``
    with ``config.threads`` threads (another device or thread count: ``dataclasses.replace(config,
    threads=...)``), and the thread count is restored on return. The config (a ``TrainConfig``,
    perhaps edited since it was made, or a dict of its fields), the kind, the seed and the task
    are checked once, here. Raises :class:`TrainingDiverged` as soon as a loss is not finite.

    ``metrics(model, test_inputs, test_labels)``, if given, replaces :func:`evaluate`: it returns a
    dict with at least ``"test_loss"`` and ``"test_acc"``, and every key it returns gets a list in
    the history (this is how :mod:`rmc_course.sweep` records the relational breakdown).
    With ``config.warmup_steps`` the learning rate rises linearly to ``config.lr`` over those
    steps. With ``config.curriculum_start`` the training questions show that many objects at
    first (:meth:`NthFarthest.sample`'s ``num_shown``) and one more at each record whose training
    accuracy reaches ``CURRICULUM_ADVANCE``; the history's ``"train_objects"`` says how many each
    record's window trained on (the test questions always show all of them).
    ``on_evaluation(step, history)`` is called after each record, ``on_train_start()`` once the
    model, optimiser and data are ready, just before the first step (a clock of training time).
    """
    config = _as_config(config)
    seed = check_seed(seed)
    _check_kind(kind)
    _check_task(task, config)
    config = _resolved(kind, task, config)
    with torch_threads(config.threads):
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            model = _build(kind, task, config)
        model.to(config.device)
        # torchrun (rmc_ref.train.distributed): this process's slice of every global batch, and
        # DDP to average gradients; one process: the whole batch and the model itself
        part = shard(config.batch_size, *world())
        trained = wrap(model)
        train_generator = torch.Generator().manual_seed(seed)
        test_inputs, test_labels = test_set if test_set is not None else make_test_set(task, config.test_size, seed)
        optimizer = torch.optim.Adam(model.parameters(), lr=config.lr)
        warmup = config.warmup_steps
        scheduler = (  # lr x step / warmup over the first `warmup` steps, then lr
            torch.optim.lr_scheduler.LambdaLR(optimizer, lambda done: min(1.0, (done + 1) / warmup)) if warmup else None
        )
        shown = config.curriculum_start  # objects per training question (None: all of them)
        history = new_history()
        if shown is not None:
            history["train_objects"] = []
        window_loss, window_correct, window_seen = 0.0, 0, 0
        model.train()
        progress = tqdm(
            range(1, config.steps + 1),
            desc=f"{kind} seed {seed}",
            disable=quiet,
            file=sys.stderr,
            dynamic_ncols=True,
            leave=False,
        )
        if on_train_start is not None:
            on_train_start()
        try:
            for step in progress:
                if shown is None:
                    inputs, labels = task.sample(config.batch_size, generator=train_generator)  # [B, T, D], [B]
                else:  # a curriculum: questions about `shown` of the task's objects
                    inputs, labels = task.sample(config.batch_size, generator=train_generator, num_shown=shown)
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
                if scheduler is not None:
                    scheduler.step()

                window_loss += loss_value * len(labels)
                window_correct += (logits.argmax(dim=-1) == labels).sum().item()
                window_seen += len(labels)
                if step % 10 == 0 or step == config.steps:
                    progress.set_postfix(
                        loss=f"{window_loss / window_seen:.3f}",
                        acc=f"{window_correct / window_seen:.3f}",
                        refresh=False,
                    )
                if step % config.eval_every == 0 or step == config.steps:
                    measured = (
                        dict(zip(("test_loss", "test_acc"), evaluate(model, test_inputs, test_labels)))
                        if metrics is None
                        else dict(metrics(model, test_inputs, test_labels))
                    )
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
                    if shown is not None:  # the objects the window trained on; one more once it is learned
                        history["train_objects"].append(shown)
                        correct, seen = global_sum([window_correct, window_seen])  # the global batches' window
                        if correct / seen >= CURRICULUM_ADVANCE and shown < task.num_objects:
                            shown += 1
                    window_loss, window_correct, window_seen = 0.0, 0, 0
                    if log is not None:
                        log(
                            f"{kind:>4} seed {seed} step {step:>6}: train loss {history['train_loss'][-1]:.4f} "
                            f"acc {history['train_acc'][-1]:.3f} | test loss {test_loss:.4f} acc {test_acc:.3f}"
                        )
                    if on_evaluation is not None:
                        on_evaluation(step, history)
        finally:
            progress.close()
    model.eval()
    return model, history


def summarize(final_accuracies: Sequence[float]) -> dict[str, float]:
    """Median, min, max and number of the final accuracies of several seeds."""
    values = list(final_accuracies)
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}
