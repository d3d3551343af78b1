"""The training loop itself (rmc_ref.train.loop: train_one, the models, the data, evaluation) and
its manners.

A tiny *learnable* configuration: with 2 objects the question "which is the n-th farthest from
m?" has the answer "the other one" (n = 0) or "m itself" (n = 1), so both models reach 100% in a
few dozen steps. Every test here fails if one line of the loop is deleted: the optimiser step, the
gradient reset, the clipping, the divergence stop, the separate test generator.
Each training run takes well under a second on one thread.
"""

from __future__ import annotations

import dataclasses
import math
import sys

import pytest
import torch
import torch.nn.functional as F
from torch import nn
from torch.testing import assert_close

from rmc_ref import count_parameters
from rmc_ref.tasks.nth_farthest import NthFarthest
from rmc_ref.train import (
    SEED_LIMIT,
    TEST_SEED_OFFSET,
    ConfigError,
    TrainConfig,
    TrainingDiverged,
    build_model,
    build_rmc_core,
    check_seed,
    evaluate,
    load_checkpoint,
    main,
    make_task,
    make_test_set,
    new_history,
    parameter_counts,
    resolve_config,
    resolve_models,
    save_checkpoint,
    summarize,
    train_one,
)

LEARNABLE = TrainConfig(
    num_objects=2,
    num_features=2,
    mem_slots=2,
    head_size=4,
    num_heads=2,
    head_hidden=[16],
    steps=40,
    batch_size=16,
    eval_every=20,
    test_size=64,
    lr=1e-2,
)
SHORT = dataclasses.replace(LEARNABLE, steps=4, eval_every=2)
SMALL_CLI = [
    "--num-objects",
    "2",
    "--num-features",
    "2",
    "--mem-slots",
    "2",
    "--head-size",
    "4",
    "--num-heads",
    "2",
    "--head-hidden",
    "16",
    "--steps",
    "3",
    "--batch-size",
    "8",
    "--eval-every",
    "3",
    "--test-size",
    "16",
    "--quiet",
]
KINDS = ["rmc", "lstm"]
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


class RecordingTask(NthFarthest):
    """An NthFarthest that remembers every batch it hands out and the thread count at that moment."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.batches: list[torch.Tensor] = []
        self.threads: list[int] = []

    def sample(self, batch_size, generator=None, num_shown=None):
        inputs, labels = super().sample(batch_size, generator=generator, num_shown=num_shown)
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
    unchanged = [
        name
        for (name, after), before in zip(model.named_parameters(), start.parameters())
        if torch.equal(after, before)
    ]
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
def test_warmup_equals_a_reference_loop_with_the_lr_written_out(kind):
    """Step k of a warm-up over W steps uses lr x min(1, k / W); without the schedule they differ."""
    config = dataclasses.replace(SHORT, steps=6, warmup_steps=4)
    task = make_task(config)
    model, _ = train_one(kind, task, config, seed=2)

    reference = initial_model(kind, config, seed=2)
    optimizer = torch.optim.Adam(reference.parameters(), lr=config.lr)
    generator = torch.Generator().manual_seed(2)
    for step in range(1, config.steps + 1):
        for group in optimizer.param_groups:
            group["lr"] = config.lr * min(1.0, step / config.warmup_steps)
        inputs, labels = task.sample(config.batch_size, generator=generator)  # [B, T, D], [B]
        loss = F.cross_entropy(reference(inputs), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    for (name, got), expected in zip(model.named_parameters(), reference.parameters()):
        assert_close(got, expected, rtol=0, atol=0, msg=name)
    constant, _ = train_one(kind, task, dataclasses.replace(config, warmup_steps=0), seed=2)
    assert displacement(constant, model) > 0


CURRICULUM = TrainConfig(
    num_objects=4,
    num_features=2,
    mem_slots=2,
    head_size=4,
    num_heads=2,
    head_hidden=[16],
    steps=120,
    batch_size=16,
    eval_every=20,
    test_size=64,
    lr=1e-2,
    curriculum_start=2,
)


def test_curriculum_equals_a_reference_loop_that_adds_an_object_once_a_window_is_learned():
    """Questions about k objects until a window's training accuracy reaches 90%, then k + 1."""
    task = make_task(CURRICULUM)
    model, history = train_one("lstm", task, CURRICULUM, seed=1)

    reference = initial_model("lstm", CURRICULUM, seed=1)
    optimizer = torch.optim.Adam(reference.parameters(), lr=CURRICULUM.lr)
    generator = torch.Generator().manual_seed(1)
    shown, correct, seen, trained_on = 2, 0, 0, []
    for step in range(1, CURRICULUM.steps + 1):
        inputs, labels = task.sample(CURRICULUM.batch_size, generator=generator, num_shown=shown)  # [B, k, D]
        assert inputs.shape[1] == shown
        logits = reference(inputs)  # [B, C]
        loss = F.cross_entropy(logits, labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        correct, seen = correct + (logits.argmax(-1) == labels).sum().item(), seen + len(labels)
        if step % CURRICULUM.eval_every == 0:
            trained_on.append(shown)
            if correct / seen >= 0.9 and shown < 4:
                shown += 1
            correct, seen = 0, 0
    assert history["train_objects"] == trained_on
    assert trained_on[0] == 2 and trained_on[-1] > 2, f"the curriculum must advance here: {trained_on}"
    for (name, got), expected in zip(model.named_parameters(), reference.parameters()):
        assert_close(got, expected, rtol=0, atol=0, msg=name)


def test_curriculum_waits_on_a_window_below_90_percent_and_tests_on_all_objects():
    config = dataclasses.replace(CURRICULUM, lr=1e-7, steps=60, curriculum_start=3)
    task = RecordingTask(num_objects=4, num_features=2)
    test_set = make_test_set(task, 64, 0)
    assert test_set[0].shape[1] == 4  # tested on the whole task
    task.batches.clear()
    _, history = train_one("rmc", task, config, seed=0, test_set=test_set)
    assert history["train_objects"] == [3, 3, 3] and max(history["train_acc"]) < 0.9
    assert {batch.shape[1] for batch in task.batches} == {3}
    _, plain = train_one("rmc", make_task(SHORT), SHORT)
    assert "train_objects" not in plain


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
# the models and the data


def test_build_rmc_core_passes_every_field():
    config = dataclasses.replace(
        SHORT, num_blocks=2, gate_style="memory", mlp_layers=3, input_mode="tile", head_size=3, num_heads=4, mem_slots=5
    )
    core = build_rmc_core(make_task(config), config)
    assert (core.num_blocks, core.gate_style, core.attention_mlp_layers, core.input_mode) == (2, "memory", 3, "tile")
    assert (core.head_size, core.num_heads, core.mem_slots, core.input_size) == (3, 4, 5, 2 + 3 * 2)


def test_shortcut_level_is_what_answering_m_for_the_last_rank_gives():
    task = make_task(TrainConfig())
    inputs, labels = task.sample(4096, generator=torch.Generator().manual_seed(0))
    decoded = task.decode(inputs)
    last_rank = decoded.n == task.num_objects - 1
    assert torch.equal(labels == decoded.m, last_rank)  # the answer is m exactly for the last rank
    assert task.shortcut_accuracy == pytest.approx(2 / task.num_objects)


@pytest.mark.parametrize("config", [TINY, TrainConfig()], ids=["tiny", "defaults"])
def test_auto_matched_lstm_within_ten_percent_of_rmc(config):
    task = make_task(config)
    rmc = count_parameters(build_model("rmc", task, config))
    lstm = count_parameters(build_model("lstm", task, config))
    assert abs(lstm - rmc) / rmc < 0.10, (rmc, lstm)


def test_build_model_leaves_no_trace_in_the_global_rng():
    """Auto-matching the LSTM builds an RMC only to count it; that must not consume random numbers."""
    task = make_task(TINY)
    hidden = build_model("lstm", task, TINY).core.hidden_size
    torch.manual_seed(0)
    auto = build_model("lstm", task, TINY)  # hidden size chosen automatically
    after_auto = torch.rand(3)
    torch.manual_seed(0)
    explicit = build_model("lstm", task, {**TINY.to_dict(), "lstm_hidden": hidden})
    assert torch.equal(after_auto, torch.rand(3))
    for a, b in zip(auto.parameters(), explicit.parameters()):
        assert torch.equal(a, b)


def test_parameter_counts_add_up():
    model = build_model("rmc", make_task(SHORT), SHORT)
    counts = parameter_counts(model)
    assert counts["core"] == sum(p.numel() for p in model.core.parameters())
    assert counts["head"] == sum(p.numel() for p in model.head.parameters())
    assert counts["total"] == counts["core"] + counts["head"]


def test_task_and_config_must_agree():
    with pytest.raises(ValueError, match="num_objects=3.*num_objects=2"):
        train_one("lstm", NthFarthest(3, 2), SHORT)


def test_make_test_set_checks_its_arguments():
    with pytest.raises(ConfigError, match="^test_size "):
        make_test_set(make_task(SHORT), 0, seed=0)
    with pytest.raises(ConfigError, match="^seed "):
        make_test_set(make_task(SHORT), 4, seed=-1)


def test_evaluate_chunks_and_restores_the_mode():
    task = make_task(SHORT)
    model = build_model("lstm", task, SHORT)
    inputs, labels = make_test_set(task, 10, seed=3)
    whole = evaluate(model, inputs, labels)
    chunked = evaluate(model, inputs, labels, chunk_size=3)
    assert chunked[1] == whole[1] and math.isclose(chunked[0], whole[0], rel_tol=1e-6)
    with torch.no_grad():
        logits = model(inputs)  # [10, C]
    assert math.isclose(whole[0], torch.nn.functional.cross_entropy(logits, labels).item(), rel_tol=1e-6)
    assert whole[1] == (logits.argmax(-1) == labels).sum().item() / 10
    model.train()
    evaluate(model, inputs, labels)
    assert model.training
    model.eval()
    evaluate(model, inputs, labels)
    assert not model.training
    with pytest.raises(ValueError, match="at least one example"):
        evaluate(model, inputs[:0], labels[:0])


# ---------------------------------------------------------------------------------------------
# divergence


def test_diverging_run_stops_at_the_first_non_finite_training_loss():
    config = dataclasses.replace(SHORT, lr=1e30, steps=4, eval_every=4)  # no evaluation before step 4
    with pytest.raises(
        TrainingDiverged,
        match=r"^rmc seed 0 diverged at step 2: the training loss is nan; "
        r"try a smaller lr \(now 1e\+30\)",
    ):
        train_one("rmc", make_task(config), config, seed=0)


def test_a_non_finite_test_loss_after_the_last_step_also_stops_the_run():
    config = dataclasses.replace(SHORT, lr=1e30, steps=1, eval_every=1)  # step 1's loss is still finite
    with pytest.raises(TrainingDiverged, match=r"at step 1: the test loss is nan"):
        train_one("rmc", make_task(config), config, seed=0)


def test_diverged_message_mentions_the_clip_in_force():
    config = dataclasses.replace(SHORT, lr=1e30, clip_grad_norm=1e30, steps=3, eval_every=3)
    with pytest.raises(TrainingDiverged, match=r"a smaller clip_grad_norm \(now 1e\+30\)"):
        train_one("rmc", make_task(config), config)


def test_diverged_message_without_clipping_suggests_one():
    config = dataclasses.replace(SHORT, lr=1e30, clip_grad_norm=None, steps=3, eval_every=3)
    with pytest.raises(TrainingDiverged, match=r"try a smaller lr \(now 1e\+30\) or clip_grad_norm \(e\.g\. 1\.0\)$"):
        train_one("rmc", make_task(config), config)


# ---------------------------------------------------------------------------------------------
# history, progress bar and quiet


def test_history_records_every_eval_every_steps_and_the_last_step():
    config = dataclasses.replace(SHORT, steps=5, eval_every=2)
    _, history = train_one("lstm", make_task(config), config)
    assert history["step"] == [2, 4, 5]
    assert set(history) == set(new_history()) and all(len(v) == 3 for v in history.values())
    assert all(0.0 <= acc <= 1.0 for acc in history["train_acc"] + history["test_acc"])


def test_summarize():
    assert summarize([0.3, 0.1, 0.2]) == {"median": 0.2, "min": 0.1, "max": 0.3, "n": 3}


class _RecordingBar:
    """Stands in for tqdm in rmc_ref.train.loop: records how the progress bar is made and updated."""

    made: list = []

    def __init__(self, iterable, **options):
        self.iterable, self.options, self.postfixes, self.closed = iterable, options, [], False
        _RecordingBar.made.append(self)

    def __iter__(self):
        return iter(self.iterable)

    def set_postfix(self, **values):
        self.postfixes.append(values)

    def close(self):
        self.closed = True


def test_the_progress_bar_shows_the_window_loss_and_accuracy_every_10_steps(monkeypatch):
    # tqdm as the loop's module sees it, replaced by a recorder: the bar's options and postfixes
    # are not visible from outside (they go to a terminal)
    import rmc_ref.train.loop as loop_module

    monkeypatch.setattr(loop_module, "tqdm", _RecordingBar)
    _RecordingBar.made = []
    config = dataclasses.replace(SHORT, steps=25, eval_every=10)
    _, history = train_one("rmc", make_task(config), config, seed=3, quiet=False)
    (bar,) = _RecordingBar.made
    assert list(bar.iterable) == list(range(1, 26)) and bar.closed
    # labelled by model and seed, on stderr, as wide as the terminal, gone when the run ends
    assert bar.options == {
        "desc": "rmc seed 3",
        "disable": False,
        "file": sys.stderr,
        "dynamic_ncols": True,
        "leave": False,
    }
    # every 10 steps and at the last: the mean since the last evaluation, as recorded in the history
    assert history["step"] == [10, 20, 25]
    assert bar.postfixes == [
        {"loss": f"{loss:.3f}", "acc": f"{acc:.3f}", "refresh": False}
        for loss, acc in zip(history["train_loss"], history["train_acc"])
    ]


def test_train_one_is_quiet_unless_asked(capsys):
    task = make_task(SHORT)
    train_one("rmc", task, SHORT)
    assert capsys.readouterr().err == ""
    train_one("rmc", task, SHORT, seed=4, quiet=False)
    assert "rmc seed 4" in capsys.readouterr().err  # drawn on stderr even when it is not a terminal


# ---------------------------------------------------------------------------------------------
# no global state changes; threads and device


def test_train_one_and_main_restore_threads_and_leave_the_global_rng_alone(tmp_path):
    previous = torch.get_num_threads()
    try:
        torch.set_num_threads(3)
        torch.manual_seed(1234)
        state = torch.get_rng_state()
        task = RecordingTask(SHORT.num_objects, SHORT.num_features)
        model, history = train_one("rmc", task, dataclasses.replace(SHORT, threads=2), seed=0)
        assert set(task.threads) == {2}  # it trained with the threads its config asks for ...
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


def test_train_one_trains_on_the_device_and_thread_count_of_its_config():
    """Where a run runs is part of its config: no overrides beside it (dataclasses.replace instead)."""
    task = RecordingTask(SHORT.num_objects, SHORT.num_features)
    model, _ = train_one("lstm", task, dataclasses.replace(SHORT, device="cpu", threads=1))
    assert next(model.parameters()).device.type == "cpu" and set(task.threads) == {1}
    for field, value in (("device", "no-such-device"), ("threads", -2)):
        config = dataclasses.replace(SHORT)
        setattr(config, field, value)  # edited after it was made: train_one checks it again
        with pytest.raises(ConfigError, match=f"^{field} "):
            train_one("lstm", make_task(SHORT), config)
    for override in ({"threads": 1}, {"device": "cpu"}):
        with pytest.raises(TypeError, match="unexpected keyword argument"):
            train_one("lstm", make_task(SHORT), SHORT, **override)


def test_the_config_is_checked_once_per_call(monkeypatch):
    """train_one, build_model, resolve_models and resolve_config check the config they receive on
    entry, once; the helpers they hand the checked copy to (resolving the LSTM's size, building)
    take it as it is."""
    checks = []
    validate = TrainConfig.validate

    def counting(self):
        checks.append(self)
        return validate(self)

    config = dataclasses.replace(SHORT, steps=1, eval_every=1)
    task = make_task(config)
    monkeypatch.setattr(TrainConfig, "validate", counting)
    for kind in KINDS:
        for call in (
            lambda: train_one(kind, task, config),
            lambda: build_model(kind, task, config),
            lambda: resolve_models([kind], task, config),
            lambda: resolve_config(kind, task, config),
        ):
            checks.clear()
            call()
            assert len(checks) == 1, (kind, call)
    assert resolve_config("lstm", task, config).lstm_hidden == build_model("lstm", task, config).core.hidden_size
