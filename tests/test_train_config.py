"""The configuration of a training run (rmc_ref.train.config): every check of TrainConfig, seeds,
devices and thread counts, for the library and the command line alike.

No training here beyond a few steps of a tiny model: the file runs in a few seconds.
"""

from __future__ import annotations

import dataclasses
import math
import pickle

import pytest
import torch

from rmc_ref.train import (
    ConfigError,
    TrainConfig,
    build_model,
    check_seed,
    make_task,
    make_test_set,
    resolve_config,
    torch_threads,
    train_one,
)

SHORT = TrainConfig(
    num_objects=2,
    num_features=2,
    mem_slots=2,
    head_size=4,
    num_heads=2,
    head_hidden=[16],
    steps=4,
    batch_size=16,
    eval_every=2,
    test_size=64,
    lr=1e-2,
)


@pytest.mark.parametrize(
    "field, value",
    [
        ("eval_every", 0),
        ("steps", 0),
        ("lr", float("inf")),
        ("lr", float("nan")),
        ("clip_grad_norm", 0.0),
        ("clip_grad_norm", -1.0),
        ("threads", -1),
        ("warmup_steps", -1),
        ("curriculum_start", 1),
        ("batch_size", 2.5),
        ("gate_style", "sometimes"),
        ("input_mode", "column"),
        ("match", "heads"),
        ("head_hidden", "256"),
        ("lstm_hidden", 0),
        ("num_objects", True),
    ],
)
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


def test_config_must_be_a_config_or_a_mapping():
    for call in (
        lambda: make_task([1, 2]),
        lambda: build_model("lstm", make_task(SHORT), [1, 2]),
        lambda: train_one("lstm", make_task(SHORT), [1, 2]),
    ):
        with pytest.raises(TypeError, match="config must be a TrainConfig or a dict, got list"):
            call()
    with pytest.raises(ValueError, match=r"unknown config keys \['stepz'\]"):
        TrainConfig.from_dict({"stepz": 3})
    checked = resolve_config("rmc", make_task(SHORT), SHORT)
    assert checked == SHORT and checked is not SHORT  # a checked copy


CONFIG_REFUSALS = [  # (a bad value, the field named, the whole problem): what the CLI prints after --field
    ({"num_objects": True}, "num_objects", "must be an integer >= 2, got True"),
    ({"num_objects": "3"}, "num_objects", "must be an integer >= 2, got '3'"),
    ({"num_objects": 1}, "num_objects", "must be an integer >= 2, got 1"),
    ({"steps": 0}, "steps", "must be an integer >= 1, got 0"),
    ({"steps": 2.5}, "steps", "must be an integer >= 1, got 2.5"),
    ({"gate_style": "gru"}, "gate_style", "must be one of 'unit', 'memory', None or 'none', got 'gru'"),
    ({"input_mode": "sum"}, "input_mode", "must be one of ('row', 'tile'), got 'sum'"),
    ({"match": "flops"}, "match", "must be one of ('classifier', 'core'), got 'flops'"),
    ({"head_hidden": "64"}, "head_hidden", "must be a list of integers >= 1, got '64'"),
    ({"head_hidden": 5}, "head_hidden", "must be a list of integers >= 1, got 5"),
    ({"head_hidden": [0]}, "head_hidden", "must be an integer >= 1, got 0"),
    ({"lstm_hidden": 0}, "lstm_hidden", "must be an integer >= 1, got 0"),
    ({"lr": "0.1"}, "lr", "must be a finite number > 0, got '0.1'"),
    ({"lr": True}, "lr", "must be a finite number > 0, got True"),
    ({"lr": None}, "lr", "must be a finite number > 0, got None"),
    ({"lr": 0}, "lr", "must be a finite number > 0, got 0.0"),
    ({"lr": math.inf}, "lr", "must be a finite number > 0, got inf"),
    ({"clip_grad_norm": -1}, "clip_grad_norm", "must be a finite number > 0 (or None for no clipping), got -1.0"),
    ({"clip_grad_norm": "x"}, "clip_grad_norm", "must be a finite number > 0 (or None for no clipping), got 'x'"),
    ({"clip_grad_norm": math.nan}, "clip_grad_norm", "must be a finite number > 0 (or None for no clipping), got nan"),
    ({"threads": -1}, "threads", "must be an integer >= 0, got -1"),
    ({"warmup_steps": -1}, "warmup_steps", "must be an integer >= 0, got -1"),
    ({"warmup_steps": 0.5}, "warmup_steps", "must be an integer >= 0, got 0.5"),
    ({"curriculum_start": 1}, "curriculum_start", "must be an integer >= 2, got 1"),
    (
        {"curriculum_start": 3},
        "curriculum_start",
        "must be at most num_objects=2 (or None for no curriculum), got 3",
    ),
    ({"device": "gpu0"}, "device", "must be a torch device such as 'cpu', got 'gpu0'"),
    ({"device": 3.5}, "device", "must be a torch device such as 'cpu', got 3.5"),
]


@pytest.mark.parametrize("bad, field, problem", CONFIG_REFUSALS, ids=lambda case: str(case)[:40])
def test_every_config_refusal_names_the_field_and_the_whole_problem(bad, field, problem):
    with pytest.raises(ConfigError) as raised:
        dataclasses.replace(SHORT, **bad)
    assert (raised.value.field, raised.value.problem) == (field, problem)
    assert str(raised.value) == f"{field} {problem}"


def test_the_smallest_allowed_sizes_are_accepted():
    config = dataclasses.replace(SHORT, head_hidden=[1], lstm_hidden=1, test_size=1, clip_grad_norm=None)
    assert (config.head_hidden, config.lstm_hidden, config.test_size, config.clip_grad_norm) == ([1], 1, 1, None)
    inputs, labels = make_test_set(make_task(SHORT), 1, seed=0)
    assert (inputs.shape[0], labels.shape[0]) == (1, 1)


@pytest.mark.parametrize(
    "seed, problem",
    [
        (2**31, "must be an integer < 2**31, got 2147483648"),
        (-1, "must be an integer >= 0, got -1"),
        (True, "must be an integer >= 0, got True"),
    ],
)
def test_a_bad_seed_is_refused_with_the_whole_problem(seed, problem):
    with pytest.raises(ConfigError) as raised:
        check_seed(seed)
    assert (raised.value.field, raised.value.problem) == ("seed", problem)
    assert check_seed(2**31 - 1) == 2**31 - 1


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
def test_a_device_this_machine_lacks_is_refused_with_torchs_reason():
    with pytest.raises(ConfigError) as raised:
        TrainConfig(device="cuda")
    assert raised.value.problem == "'cuda' is not usable on this machine (Torch not compiled with CUDA enabled)"


@pytest.mark.parametrize(
    "error, reason",
    [
        (RuntimeError("  first line\nsecond line"), "first line"),
        (RuntimeError(" "), "RuntimeError"),
        (AssertionError(), "AssertionError"),
    ],
)
def test_an_unusable_device_is_reported_by_the_first_line_of_the_error(monkeypatch, error, reason):
    def refuse(*args, **kwargs):
        raise error

    monkeypatch.setattr(torch, "empty", refuse)  # the device check makes an empty tensor on the device
    with pytest.raises(ConfigError) as raised:
        TrainConfig(device="cpu")
    assert (raised.value.field, raised.value.problem) == ("device", f"'cpu' is not usable on this machine ({reason})")


def test_a_usable_device_is_returned_in_torchs_spelling():
    assert TrainConfig(device=torch.device("cpu", 0)).device == "cpu:0"
    assert TrainConfig(device="cpu").device == "cpu"


def test_torch_threads_zero_leaves_the_count_alone():
    before = torch.get_num_threads()
    with torch_threads(0):
        assert torch.get_num_threads() == before
    with torch_threads(before + 1):
        assert torch.get_num_threads() == before + 1
    assert torch.get_num_threads() == before


def test_a_config_error_survives_pickling_with_its_field_and_problem():
    copy = pickle.loads(pickle.dumps(ConfigError("clip_grad_norm", "must be a finite number > 0, got -1.0")))
    assert type(copy) is ConfigError
    assert (copy.field, copy.problem, copy.option) == (
        "clip_grad_norm",
        "must be a finite number > 0, got -1.0",
        "--clip-grad-norm",
    )
    assert str(copy) == "clip_grad_norm must be a finite number > 0, got -1.0"
