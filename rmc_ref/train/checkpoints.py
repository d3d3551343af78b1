"""Checkpoints of trained models: plain types only, so loading one runs no code from the file.

A checkpoint holds the kind (``'rmc'`` or ``'lstm'``), the seed, the resolved config (the LSTM's
hidden size chosen), the history and the weights (on the CPU), and the ``rmc_ref`` version.
:func:`load_checkpoint` rebuilds the model with ``torch.load(..., weights_only=True)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import torch
from torch import nn

from ..classifier import SequenceClassifier
from ..version import __version__
from .config import TrainConfig, _as_config, make_task
from .loop import build_model


def checkpoint_path(out_dir: str | Path, kind: str, seed: int) -> Path:
    return Path(out_dir) / f"{kind}_seed{seed}.pt"


def save_checkpoint(
    path: str | Path,
    kind: str,
    model: nn.Module,
    config: TrainConfig | Mapping[str, Any],
    history: Mapping[str, list],
    seed: int,
) -> Path:
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
