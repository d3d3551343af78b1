"""Checkpoints of trained models (rmc_ref.train.checkpoints): they reload the same model, load on
the CPU whatever device wrote them, and never run code from the file.

(The checkpoints the command line writes are checked in tests/test_train_cli.py.) Tiny models: the
file runs in a few seconds.
"""

from __future__ import annotations

import pickle

import pytest
import torch

from rmc_ref.train import TrainConfig, build_model, load_checkpoint, make_task, new_history, save_checkpoint, train_one

SHORT = TrainConfig(
    num_objects=2,
    num_features=2,
    mem_slots=2,
    head_size=4,
    num_heads=2,
    head_hidden=[16],
    steps=2,
    batch_size=8,
    eval_every=2,
    test_size=16,
    lr=1e-2,
)
TINY = TrainConfig(
    num_objects=4,
    num_features=4,
    mem_slots=2,
    head_size=4,
    num_heads=2,
    head_hidden=[16],
    steps=6,
    batch_size=8,
    eval_every=3,
    test_size=32,
)


def test_reloaded_model_gives_identical_logits(tmp_path):
    task = make_task(TINY)
    model, history = train_one("rmc", task, TINY, seed=3)
    path = save_checkpoint(tmp_path / "rmc.pt", "rmc", model, TINY, history, seed=3)
    reloaded, checkpoint = load_checkpoint(path)
    inputs, _ = task.sample(16, generator=torch.Generator().manual_seed(123))
    with torch.no_grad():
        assert torch.equal(model(inputs), reloaded(inputs))
    assert checkpoint["history"] == history


def _save_as_if_on_a_gpu(obj, path):
    """torch.save ``obj`` with every CPU storage tagged 'cuda:0', as a GPU machine writes it."""
    import torch.serialization as serialization

    entry = (1, lambda storage: "cuda:0" if storage.device.type == "cpu" else None, lambda storage, location: None)
    serialization._package_registry.append(entry)
    serialization._package_registry.sort(key=lambda e: e[0])
    try:
        torch.save(obj, path)
    finally:
        serialization._package_registry.remove(entry)


def test_a_checkpoint_written_on_a_gpu_machine_loads_on_the_cpu(tmp_path):
    model = build_model("rmc", make_task(SHORT), SHORT)
    path = save_checkpoint(tmp_path / "new" / "folder" / "cpu.pt", "rmc", model, SHORT, new_history(), seed=3)
    assert path == tmp_path / "new" / "folder" / "cpu.pt"  # missing folders are made
    _save_as_if_on_a_gpu(torch.load(path, weights_only=True), tmp_path / "gpu.pt")
    with pytest.raises(RuntimeError, match="CUDA"):  # what torch.load alone does with it here
        torch.load(tmp_path / "gpu.pt", weights_only=True)
    loaded, checkpoint = load_checkpoint(tmp_path / "gpu.pt")
    assert checkpoint["seed"] == 3
    for name, tensor in loaded.state_dict().items():
        assert tensor.device.type == "cpu"
        torch.testing.assert_close(tensor, model.state_dict()[name], rtol=0, atol=0)


class _RunsCode:
    """Unpickling this calls Path.touch: what a booby-trapped checkpoint could do."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        import pathlib

        return pathlib.Path.touch, (pathlib.Path(self.marker),)


@pytest.mark.parametrize("environment", [{}, {"TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD": "1"}], ids=["plain", "forced_off"])
def test_load_checkpoint_does_not_run_code_from_the_file(tmp_path, monkeypatch, environment):
    marker = tmp_path / "code_ran"
    torch.save(
        {"kind": "rmc", "config": SHORT.to_dict(), "model": {}, "payload": _RunsCode(marker)}, tmp_path / "trap.pt"
    )
    # torch.load honours this variable only when the caller leaves weights_only unset
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(pickle.UnpicklingError, match="Weights only load failed"):
        load_checkpoint(tmp_path / "trap.pt")
    assert not marker.exists()


def test_load_checkpoint_rejects_foreign_files(tmp_path):
    path = tmp_path / "other.pt"
    torch.save({"weights": torch.zeros(2)}, path)
    with pytest.raises(ValueError, match=r"not an rmc_ref checkpoint: missing \['kind', 'config', 'model'\]"):
        load_checkpoint(path)
