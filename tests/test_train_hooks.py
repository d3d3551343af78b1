"""The hooks of rmc_ref.train.train_one that rmc_course.sweep builds on, and resolve_models.

rmc_course.sweep trains with train_one itself (one loop, one divergence stop, one seeding): it swaps
the evaluation for its relational breakdown (``metrics``), follows progress (``on_evaluation``) and
starts its training clock at the first step (``on_train_start``). Each run here is a few steps of
a tiny model: the file takes a second or two.
"""

from __future__ import annotations

import dataclasses
import math

import pytest
import torch

from rmc_ref.train import (
    TrainConfig,
    TrainingDiverged,
    build_model,
    evaluate,
    make_task,
    parameter_counts,
    resolve_config,
    resolve_models,
    train_one,
)

TINY = TrainConfig(
    num_objects=3,
    num_features=2,
    mem_slots=2,
    head_size=4,
    num_heads=2,
    head_hidden=[16],
    batch_size=8,
    test_size=48,
    steps=4,
    eval_every=2,
)


def test_metrics_replace_evaluate_and_every_key_gets_a_history_list():
    task = make_task(TINY)
    events = []

    def metrics(model, inputs, labels):
        loss, acc = evaluate(model, inputs, labels)
        events.append(("metrics", len(labels)))
        return {"test_loss": loss, "test_acc": acc, "extra": 10.0 * sum(e[0] == "metrics" for e in events)}

    def on_evaluation(step, history):
        events.append(("evaluation", step, len(history["step"]), history["extra"][-1]))

    _, plain = train_one("lstm", task, TINY, seed=3)
    _, hooked = train_one(
        "lstm",
        task,
        TINY,
        seed=3,
        metrics=metrics,
        on_evaluation=on_evaluation,
        on_train_start=lambda: events.append(("start",)),
    )
    assert events == [
        ("start",),
        ("metrics", 48),
        ("evaluation", 2, 1, 10.0),
        ("metrics", 48),
        ("evaluation", 4, 2, 20.0),
    ]
    assert list(hooked) == [*plain, "extra"] and hooked["extra"] == [10.0, 20.0]
    assert {key: hooked[key] for key in plain} == plain  # same loop, same numbers


def test_on_train_start_comes_after_the_set_up_and_before_the_first_batch():
    """The model is built and the test set drawn before the clock starts; the first batch after."""
    task = make_task(TINY)
    draws = []
    sample = task.sample
    task.sample = lambda *args, **kwargs: draws.append("sample") or sample(*args, **kwargs)
    _, history = train_one("rmc", task, TINY, seed=0, on_train_start=lambda: draws.append("start"))
    assert draws == ["sample", "start"] + ["sample"] * TINY.steps  # the test set, the clock, the batches
    assert history["step"] == [2, 4]


def test_metrics_without_the_two_test_keys_are_refused():
    with pytest.raises(ValueError, match=r"metrics must return 'test_loss' and 'test_acc', got \['test_acc'\]"):
        train_one("lstm", make_task(TINY), TINY, metrics=lambda model, x, y: {"test_acc": 1.0})


def test_a_non_finite_loss_from_metrics_stops_the_run_too():
    calls = []

    def metrics(model, inputs, labels):
        calls.append(1)
        return {"test_loss": math.inf if len(calls) == 2 else 1.0, "test_acc": 0.5}

    with pytest.raises(TrainingDiverged, match=r"^lstm seed 0 diverged at step 4: the test loss is inf"):
        train_one("lstm", make_task(TINY), TINY, metrics=metrics)


def test_resolve_models_resolves_and_counts_without_moving_the_global_rng():
    task = make_task(TINY)
    torch.manual_seed(11)
    state = torch.random.get_rng_state()
    resolved, counts = resolve_models(["rmc", "lstm"], task, TINY)
    assert torch.equal(state, torch.random.get_rng_state())
    assert list(resolved) == ["rmc", "lstm"] and list(counts) == ["rmc", "lstm"]
    for kind in ("rmc", "lstm"):
        assert resolved[kind] == resolve_config(kind, task, TINY)
        assert counts[kind] == parameter_counts(build_model(kind, task, resolved[kind]))
    assert resolved["lstm"].lstm_hidden is not None and resolved["rmc"].lstm_hidden is None
    assert counts["rmc"]["total"] == counts["rmc"]["core"] + counts["rmc"]["head"] > 0
    only_lstm, _ = resolve_models(["lstm"], task, dataclasses.replace(TINY, lstm_hidden=5))
    assert list(only_lstm) == ["lstm"] and only_lstm["lstm"].lstm_hidden == 5
