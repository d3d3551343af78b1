"""What defines a training run, and every check of it: :class:`TrainConfig`, seeds, the task.

Every check of a configuration value lives here, in :meth:`TrainConfig.validate`, which the
command line (:mod:`rmc_ref.train.cli`) and the library (:func:`rmc_ref.train.loop.train_one`)
share: a bad value raises :class:`ConfigError` naming the field. Seeds are checked by
:func:`check_seed`. :func:`torch_threads` runs a block at a thread count and restores torch's.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import operator
from typing import Any, Iterator, Mapping, Sequence

import torch

from ..tasks.nth_farthest import NthFarthest

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
# a curriculum (TrainConfig.curriculum_start) shows one more object once the training accuracy since
# the last evaluation reaches this
CURRICULUM_ADVANCE = 0.9


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

    Every value is checked when the config is made (and again whenever a public function of
    :mod:`rmc_ref.train`, such as ``train_one`` or ``build_model``, receives it): a bad value
    raises :class:`ConfigError` (a ``ValueError``) naming the field. ``gate_style`` takes the
    library's ``None`` or the command line's ``"none"`` for "no gates" and stores ``None``.
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
    warmup_steps: int = 0  # the lr rises linearly from lr/warmup_steps to lr over these steps (0: constant)
    # a curriculum over the number of objects: training questions show this many objects at first and
    # one more whenever the training accuracy since the last evaluation reaches CURRICULUM_ADVANCE,
    # up to num_objects (the test questions always show num_objects); None: no curriculum
    curriculum_start: int | None = None
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
        for name in (
            "num_features",
            "mem_slots",
            "head_size",
            "num_heads",
            "num_blocks",
            "mlp_layers",
            "steps",
            "batch_size",
            "eval_every",
            "test_size",
        ):
            setattr(self, name, _int_at_least(name, getattr(self, name), 1))
        if isinstance(self.gate_style, str) and self.gate_style in GATE_STYLE_NAMES:
            self.gate_style = GATE_STYLE_NAMES[self.gate_style]
        elif self.gate_style is not None:
            raise ConfigError("gate_style", f"must be one of 'unit', 'memory', None or 'none', got {self.gate_style!r}")
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
        self.clip_grad_norm = _positive_finite(
            "clip_grad_norm", self.clip_grad_norm, allow_none="or None for no clipping"
        )
        self.warmup_steps = _int_at_least("warmup_steps", self.warmup_steps, 0)
        if self.curriculum_start is not None:
            self.curriculum_start = _int_at_least("curriculum_start", self.curriculum_start, 2)
            if self.curriculum_start > self.num_objects:
                raise ConfigError(
                    "curriculum_start",
                    f"must be at most num_objects={self.num_objects} (or None for no curriculum), "
                    f"got {self.curriculum_start}",
                )
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
    """A validated copy: a ``TrainConfig`` changed after construction is checked again here.

    The check a public function of the package makes of the config it receives; the private
    helpers it hands the copy to take it as checked.
    """
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
