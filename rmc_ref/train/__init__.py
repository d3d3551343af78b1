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
function is a small step of it. :func:`main` is the console script ``rmc-train``. Every check of a
configuration value lives in :class:`TrainConfig`, which the command line and :func:`train_one`
share. No library call here changes torch's global state: the thread count is restored, data
come from ``torch.Generator`` objects, and the model is initialised inside ``torch.random.fork_rng``.

This package's face hands on the public names of its modules, one idea each:

* ``config``: :class:`TrainConfig`, its checks (:class:`ConfigError`, :func:`check_seed`), the task;
* ``loop``: the models, the data, :func:`evaluate` and :func:`train_one`;
* ``checkpoints``: :func:`save_checkpoint` and :func:`load_checkpoint`;
* ``cli``: the command line, :func:`main`;
* ``distributed``: data-parallel training over the processes ``torchrun`` starts (``--distributed``).
"""

from .checkpoints import checkpoint_path, load_checkpoint, save_checkpoint
from .cli import build_parser, config_from_args, main, save_attention_plot
from .config import (
    GATE_STYLE_NAMES,
    INPUT_MODES,
    KINDS,
    MATCH_MODES,
    PAPER_BATCH_SIZE,
    PAPER_LR,
    SEED_LIMIT,
    TEST_SEED_OFFSET,
    ConfigError,
    TrainConfig,
    check_seed,
    make_task,
    torch_threads,
)
from .loop import (
    TrainingDiverged,
    build_model,
    build_rmc_core,
    evaluate,
    make_test_set,
    new_history,
    parameter_counts,
    resolve_config,
    resolve_models,
    summarize,
    train_one,
)

__all__ = [
    "GATE_STYLE_NAMES",
    "INPUT_MODES",
    "KINDS",
    "MATCH_MODES",
    "PAPER_BATCH_SIZE",
    "PAPER_LR",
    "SEED_LIMIT",
    "TEST_SEED_OFFSET",
    "ConfigError",
    "TrainConfig",
    "TrainingDiverged",
    "build_model",
    "build_parser",
    "build_rmc_core",
    "check_seed",
    "checkpoint_path",
    "config_from_args",
    "evaluate",
    "load_checkpoint",
    "main",
    "make_task",
    "make_test_set",
    "new_history",
    "parameter_counts",
    "resolve_config",
    "resolve_models",
    "save_attention_plot",
    "save_checkpoint",
    "summarize",
    "torch_threads",
    "train_one",
]
