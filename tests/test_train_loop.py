"""The training loop itself (rmc_ref.train.train_one), its configuration checks and its manners.

A tiny *learnable* configuration: with 2 objects the question "which is the n-th farthest from
m?" has the answer "the other one" (n = 0) or "m itself" (n = 1), so both models reach 100% in a
few dozen steps. Every test here fails if one line of the loop is deleted: the optimiser step, the
gradient reset, the clipping, the divergence stop, the separate test generator.
Each training run takes well under a second on one thread.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F
from torch import nn
from torch.testing import assert_close

from rmc_ref.tasks.nth_farthest import NthFarthest
from rmc_ref.train import (
    SEED_LIMIT,
    TEST_SEED_OFFSET,
    ConfigError,
    TrainConfig,
    TrainingDiverged,
    _write_json,
    build_model,
    check_seed,
    load_checkpoint,
    main,
    make_task,
    make_test_set,
    save_checkpoint,
    train_one,
)

REPO = Path(__file__).resolve().parents[1]
LEARNABLE = TrainConfig(num_objects=2, num_features=2, mem_slots=2, head_size=4, num_heads=2,
                        head_hidden=[16], steps=40, batch_size=16, eval_every=20, test_size=64, lr=1e-2)
SHORT = dataclasses.replace(LEARNABLE, steps=4, eval_every=2)
SMALL_CLI = ["--num-objects", "2", "--num-features", "2", "--mem-slots", "2", "--head-size", "4",
             "--num-heads", "2", "--head-hidden", "16", "--steps", "3", "--batch-size", "8",
             "--eval-every", "3", "--test-size", "16", "--quiet"]
KINDS = ["rmc", "lstm"]


class RecordingTask(NthFarthest):
    """An NthFarthest that remembers every batch it hands out and the thread count at that moment."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.batches: list[torch.Tensor] = []
        self.threads: list[int] = []

    def sample(self, batch_size, generator=None):
        inputs, labels = super().sample(batch_size, generator=generator)
        self.batches.append(inputs)
        self.threads.append(torch.get_num_threads())
        return inputs, labels


def initial_model(kind: str, config: TrainConfig, seed: int) -> nn.Module:
    """The model train_one starts from (same seed), built without touching the global generator."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return build_model(kind, make_task(config), config)


def displacement(model: nn.Module, start: nn.Module) -> float:
    return sum((a - b).abs().sum().item() for a, b in zip(model.parameters(), start.parameters()))


# ---------------------------------------------------------------------------------------------
# the loop learns, and each of its lines matters


@pytest.mark.parametrize("kind", KINDS)
def test_loss_falls_accuracy_rises_and_every_parameter_moves(kind):
    task = make_task(LEARNABLE)
    model, history = train_one(kind, task, LEARNABLE, seed=0)
    assert history["step"] == [20, 40]
    assert history["train_loss"][-1] < 0.5 * math.log(2), history  # chance loss is ln 2
    assert history["test_loss"][-1] < 0.5 * history["train_loss"][0], history
    assert history["test_acc"][-1] >= 0.95, history
    start = initial_model(kind, LEARNABLE, seed=0)
    unchanged = [name for (name, after), before in zip(model.named_parameters(), start.parameters())
                 if torch.equal(after, before)]
    assert unchanged == []
    assert not model.training  # returned in eval mode


@pytest.mark.parametrize("kind", KINDS)
def test_train_one_equals_an_independent_reference_loop(kind):
    """zero_grad, backward, clipping and step, written out again: the parameters must agree exactly.

    Without zero_grad the gradients accumulate over steps; without clipping (active: the clip is
    far below the gradient norm) or without the step the parameters differ.
    """
    config = dataclasses.replace(SHORT, clip_grad_norm=0.05)
    task = make_task(config)
    model, _ = train_one(kind, task, config, seed=5)

    reference = initial_model(kind, config, seed=5)
    optimizer = torch.optim.Adam(reference.parameters(), lr=config.lr)
    generator = torch.Generator().manual_seed(5)
    clipped = []
    for _ in range(config.steps):
        inputs, labels = task.sample(config.batch_size, generator=generator)  # [B, T, D], [B]
        loss = F.cross_entropy(reference(inputs), labels)
        optimizer.zero_grad()
        loss.backward()
        clipped.append(nn.utils.clip_grad_norm_(reference.parameters(), config.clip_grad_norm) > 0.05)
        optimizer.step()
    assert all(clipped), "the clip must be active for this test to see it"
    for (name, got), expected in zip(model.named_parameters(), reference.parameters()):
        assert_close(got, expected, rtol=0, atol=0, msg=name)


@pytest.mark.parametrize("kind", KINDS)
def test_clipping_has_an_effect_under_adam(kind):
    """Adam divides by the gradient's scale, but a clip far below it meets Adam's eps: tiny steps."""
    task = make_task(SHORT)
    start = initial_model(kind, SHORT, seed=0)
    free, _ = train_one(kind, task, SHORT, seed=0)
    clipped, _ = train_one(kind, task, dataclasses.replace(SHORT, clip_grad_norm=1e-9), seed=0)
    assert displacement(clipped, start) < 0.1 * displacement(free, start)


def test_test_questions_never_appear_in_training_batches():
    """No object vector of the held-out batches (seeds 0 and 1) appears in any training batch of
    either seed: the test generator never replays a training stream."""
    config = dataclasses.replace(SHORT, num_features=3, test_size=8, batch_size=8)
    features = config.num_features
    task = RecordingTask(config.num_objects, features)  # records training batches only:
    test_sets = {seed: make_test_set(make_task(config), config.test_size, seed) for seed in (0, 1)}
    for seed in (0, 1):
        train_one("lstm", task, config, seed=seed, test_set=test_sets[seed])  # test set made elsewhere
    assert len(task.batches) == 2 * config.steps
    seen = {tuple(v.tolist()) for batch in task.batches for v in batch[..., :features].reshape(-1, features)}
    for seed, (test_inputs, _) in test_sets.items():
        test_vectors = {tuple(v.tolist()) for v in test_inputs[..., :features].reshape(-1, features)}
        assert len(test_vectors) == config.test_size * config.num_objects
        assert not test_vectors & seen, f"seed {seed}: test questions were training batches"


def test_seed_ranges_of_training_and_test_generators_never_meet():
    assert SEED_LIMIT <= TEST_SEED_OFFSET and TEST_SEED_OFFSET + SEED_LIMIT <= 2**32  # mt19937: 32-bit seeds
    assert check_seed(SEED_LIMIT - 1) == SEED_LIMIT - 1
    for bad in (-1, SEED_LIMIT, 1.5, True, "0"):
        with pytest.raises(ConfigError, match="seed"):
            check_seed(bad)
    with pytest.raises(ConfigError, match="seed"):
        train_one("lstm", make_task(SHORT), SHORT, seed=TEST_SEED_OFFSET)


# ---------------------------------------------------------------------------------------------
# divergence


def test_diverging_run_stops_at_the_first_non_finite_training_loss():
    config = dataclasses.replace(SHORT, lr=1e30, steps=4, eval_every=4)  # no evaluation before step 4
    with pytest.raises(TrainingDiverged, match=r"^rmc seed 0 diverged at step 2: the training loss is nan; "
                                               r"try a smaller lr \(now 1e\+30\)"):
        train_one("rmc", make_task(config), config, seed=0)


def test_a_non_finite_test_loss_after_the_last_step_also_stops_the_run():
    config = dataclasses.replace(SHORT, lr=1e30, steps=1, eval_every=1)  # step 1's loss is still finite
    with pytest.raises(TrainingDiverged, match=r"at step 1: the test loss is nan"):
        train_one("rmc", make_task(config), config, seed=0)


def test_diverging_cli_run_exits_non_zero_and_writes_no_summary(tmp_path, capsys):
    out = tmp_path / "run"
    code = main([*SMALL_CLI, "--model", "rmc", "--lr", "1e30", "--out-dir", str(out)])
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert len(err.splitlines()) == 1 and "diverged" in err and "--lr" not in err.split("diverged")[0]
    assert not (out / "summary.json").exists()


def test_summary_json_is_strict_json(tmp_path):
    assert main([*SMALL_CLI, "--model", "lstm", "--out-dir", str(tmp_path)]) == 0

    def refuse(token):
        raise ValueError(f"non-standard JSON token {token}")

    for name in ("summary.json", "history.json"):
        json.loads((tmp_path / name).read_text(), parse_constant=refuse)
    with pytest.raises(ValueError):  # a NaN that slipped through would stop the writer, not the reader
        _write_json(tmp_path / "nan.json", {"acc": float("nan")})
    assert not (tmp_path / "nan.json").exists()


# ---------------------------------------------------------------------------------------------
# configuration: one place, checked for the CLI and train_one alike


BAD_CLI_VALUES = [
    (["--clip-grad-norm", "-1"], "--clip-grad-norm"),
    (["--clip-grad-norm", "0"], "--clip-grad-norm"),
    (["--clip-grad-norm", "inf"], "--clip-grad-norm"),
    (["--lr", "inf"], "--lr"),
    (["--lr", "nan"], "--lr"),
    (["--lr", "0"], "--lr"),
    (["--lr", "-0.1"], "--lr"),
    (["--threads", "-1"], "--threads"),
    (["--steps", "0"], "--steps"),
    (["--batch-size", "0"], "--batch-size"),
    (["--eval-every", "0"], "--eval-every"),
    (["--test-size", "0"], "--test-size"),
    (["--num-objects", "1"], "--num-objects"),
    (["--num-features", "0"], "--num-features"),
    (["--mem-slots", "0"], "--mem-slots"),
    (["--head-size", "0"], "--head-size"),
    (["--num-heads", "0"], "--num-heads"),
    (["--num-blocks", "0"], "--num-blocks"),
    (["--mlp-layers", "0"], "--mlp-layers"),
    (["--head-hidden", "16", "0"], "--head-hidden"),
    (["--lstm-hidden", "0"], "--lstm-hidden"),
    (["--seed", "-1"], "--seed"),
    (["--seeds", "0", "-3"], "--seeds"),
    (["--device", "no-such-device"], "--device"),
    (["--lr", "fast"], "--lr"),  # argparse's own type error, also one line
    (["--match", "everything"], "--match"),
]


@pytest.mark.parametrize("argv, option", BAD_CLI_VALUES, ids=[" ".join(a) for a, _ in BAD_CLI_VALUES])
def test_cli_bad_value_one_line_naming_the_option_exit_2_no_files(tmp_path, capsys, argv, option):
    out = tmp_path / "out"
    try:
        code = main([*SMALL_CLI, "--out-dir", str(out), *argv])
    except SystemExit as exit_:  # argparse's own errors (wrong type, unknown choice)
        code = exit_.code
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert code == 2
    assert len(lines) == 1 and option in lines[0], captured.err
    assert captured.out == ""
    assert not out.exists()


def test_cli_bad_value_as_a_process_creates_nothing(tmp_path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run([sys.executable, "-m", "rmc_ref.train", "--clip-grad-norm", "-1"], cwd=tmp_path,
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: --clip-grad-norm must be a finite number > 0 (or None for no clipping), got -1.0"]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("field, value", [
    ("eval_every", 0), ("steps", 0), ("lr", float("inf")), ("lr", float("nan")), ("clip_grad_norm", 0.0),
    ("clip_grad_norm", -1.0), ("threads", -1), ("batch_size", 2.5), ("gate_style", "sometimes"),
    ("input_mode", "column"), ("match", "heads"), ("head_hidden", "256"), ("lstm_hidden", 0),
    ("num_objects", True),
])
def test_train_config_rejects_bad_values_for_the_library_too(field, value):
    with pytest.raises(ConfigError, match=f"^{field} ") as raised:
        TrainConfig(**{field: value})
    assert raised.value.field == field and isinstance(raised.value, ValueError)
    # a config edited after construction is checked again when it is used
    config = dataclasses.replace(SHORT)
    setattr(config, field, value)
    with pytest.raises(ConfigError, match=f"^{field} "):
        train_one("lstm", make_task(SHORT), config)
    with pytest.raises(ConfigError, match=f"^{field} "):
        train_one("lstm", make_task(SHORT), {**SHORT.to_dict(), field: value})


def test_gate_style_none_and_the_string_none_are_one_value():
    assert TrainConfig(gate_style="none").gate_style is None
    assert TrainConfig(gate_style=None) == TrainConfig(gate_style="none")
    model = build_model("rmc", make_task(SHORT), {**SHORT.to_dict(), "gate_style": "none"})
    assert model.core.gate_style is None and model.core.gates is None


def test_task_and_config_must_agree():
    with pytest.raises(ValueError, match="num_objects=3.*num_objects=2"):
        train_one("lstm", NthFarthest(3, 2), SHORT)


# ---------------------------------------------------------------------------------------------
# no global state changes; threads and device


def test_train_one_and_main_restore_threads_and_leave_the_global_rng_alone(tmp_path):
    previous = torch.get_num_threads()
    try:
        torch.set_num_threads(3)
        torch.manual_seed(1234)
        state = torch.get_rng_state()
        task = RecordingTask(SHORT.num_objects, SHORT.num_features)
        model, history = train_one("rmc", task, SHORT, seed=0, threads=2)
        assert set(task.threads) == {2}  # it trained with the threads asked for ...
        assert torch.get_num_threads() == 3  # ... and gave the old count back
        assert torch.equal(torch.get_rng_state(), state)
        path = save_checkpoint(tmp_path / "m.pt", "rmc", model, SHORT, history, seed=0)
        load_checkpoint(path)
        assert torch.equal(torch.get_rng_state(), state)  # loading draws nothing either
        assert main([*SMALL_CLI, "--model", "both", "--threads", "1", "--out-dir", str(tmp_path / "cli")]) == 0
        assert torch.get_num_threads() == 3
        assert torch.equal(torch.get_rng_state(), state)
    finally:
        torch.set_num_threads(previous)


def test_same_seed_same_model_whatever_the_global_generator_did():
    task = make_task(SHORT)
    torch.manual_seed(1)
    first, history = train_one("rmc", task, SHORT, seed=4)
    torch.rand(100)  # consume global random numbers in between
    again, history_again = train_one("rmc", task, SHORT, seed=4)
    assert history == history_again
    for a, b in zip(first.parameters(), again.parameters()):
        assert torch.equal(a, b)


def test_train_one_takes_a_device():
    model, _ = train_one("lstm", make_task(SHORT), SHORT, device="cpu", threads=1)
    assert next(model.parameters()).device.type == "cpu"
    with pytest.raises(ConfigError, match="^device "):
        train_one("lstm", make_task(SHORT), SHORT, device="no-such-device")
    with pytest.raises(ConfigError, match="^threads "):
        train_one("lstm", make_task(SHORT), SHORT, threads=-2)
