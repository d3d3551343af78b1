"""Sweeps and their metrics (rmc_course.sweep, answer_breakdown in rmc_ref.tasks.nth_farthest, viz.plot_sweep).

The relational / per-rank accuracy is checked against a brute-force recomputation from the raw
input columns; the sweep runs a tiny configuration over 2 seeds in 2 spawned processes. The
whole file takes about half a minute on 2 cores (process start-up dominates).
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
import torch
from matplotlib.figure import Figure

from rmc_course.sweep import (
    SHOWDOWN,
    TABLE_HEADER,
    build_parser,
    collect,
    config_from_args,
    main,
    markdown_row,
    measure_step_costs,
    plateau_exit,
    run_sweep,
    showdown_config,
    step_budgets,
    summary_table,
    train_run,
)
from rmc_ref import RelationalMemory
from rmc_ref.tasks.nth_farthest import NthFarthest, answer_breakdown
from rmc_ref.train import TrainConfig, TrainingDiverged, load_checkpoint, make_task, resolve_config
from rmc_ref.viz import plot_sweep

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TINY = TrainConfig(
    num_objects=3, num_features=2, mem_slots=2, head_size=4, num_heads=2, head_hidden=[16], batch_size=8, test_size=48
)


# ----------------------------------------------------------------------------- the metric


def _brute_force(inputs: torch.Tensor, labels: torch.Tensor, predictions: torch.Tensor, T: int, F: int):
    """Overall / relational / per-rank accuracy from plain Python loops over the raw columns."""
    correct_all, relational_correct, relational_total = 0, 0, 0
    per_rank = {rank: [0, 0] for rank in range(T)}
    for element, label, prediction in zip(inputs.tolist(), labels.tolist(), predictions.tolist()):
        m = element[0][F + T : F + 2 * T].index(1.0)
        n = element[0][F + 2 * T :].index(1.0)
        correct = int(prediction == label)
        correct_all += correct
        per_rank[n][0] += correct
        per_rank[n][1] += 1
        if label != m:
            relational_correct += correct
            relational_total += 1
    rank_accuracy = [c / t if t else math.nan for c, t in per_rank.values()]
    return correct_all / len(labels), relational_correct / relational_total, rank_accuracy, relational_total


def test_answer_breakdown_matches_brute_force():
    task = NthFarthest(num_objects=4, num_features=3)
    inputs, labels = task.sample(64, generator=torch.Generator().manual_seed(3))
    predictions = torch.randint(4, (64,), generator=torch.Generator().manual_seed(4))
    predictions[:20] = labels[:20]  # some right answers, some wrong
    breakdown = answer_breakdown(task, inputs, labels, predictions)
    accuracy, relational, per_rank, relational_total = _brute_force(inputs, labels, predictions, 4, 3)
    assert breakdown.accuracy == pytest.approx(accuracy)
    assert breakdown.relational_accuracy == pytest.approx(relational)
    assert breakdown.relational_count == relational_total
    np.testing.assert_allclose(breakdown.rank_accuracy, per_rank)
    assert sum(breakdown.rank_count) == 64
    # relational = every rank but the last (distance 0 is m itself)
    last_rank = task.decode(inputs).n == 3
    assert breakdown.relational_count == int((~last_rank).sum())


def test_answer_breakdown_of_the_shortcut_model():
    """Answer m on the last rank, anything but the truth elsewhere: overall 1/T share, relational 0."""
    task = NthFarthest(num_objects=3, num_features=2)
    inputs, labels = task.sample(90, generator=torch.Generator().manual_seed(5))
    decoded = task.decode(inputs)
    wrong = (labels + 1) % 3
    predictions = torch.where(labels == decoded.m, decoded.m, wrong)
    breakdown = answer_breakdown(task, inputs, labels, predictions)
    assert breakdown.relational_accuracy == 0.0
    assert breakdown.rank_accuracy[2] == 1.0 and breakdown.rank_accuracy[:2] == [0.0, 0.0]
    assert breakdown.accuracy == pytest.approx(float((decoded.n == 2).float().mean()))
    assert task.plateau_relational_accuracy == pytest.approx(0.5)


def test_answer_breakdown_rejects_wrong_shapes():
    task = NthFarthest(num_objects=3, num_features=2)
    inputs, labels = task.sample(4, generator=torch.Generator().manual_seed(0))
    with pytest.raises(ValueError, match=r"predictions must have shape \[4\], got \[3\]"):
        answer_breakdown(task, inputs, labels, labels[:3])


# ----------------------------------------------------------------------------- budgets


def test_step_budgets_convert_seconds_with_the_ratio():
    budgets = step_budgets(60.0, {"rmc": 0.02, "lstm": 0.005})
    assert budgets == {"rmc": 3000, "lstm": 12000}
    with pytest.raises(ValueError, match="budget_seconds"):
        step_budgets(0, {"rmc": 0.02})


def test_measure_step_costs_times_both_models():
    task = make_task(TINY)
    configs = {kind: resolve_config(kind, task, TINY) for kind in ("rmc", "lstm")}
    state = torch.random.get_rng_state()
    costs = measure_step_costs(task, configs, steps=2, rounds=1)
    assert set(costs) == {"rmc", "lstm"} and all(cost > 0 for cost in costs.values())
    assert torch.equal(state, torch.random.get_rng_state()), "timing must not move the global RNG"


def test_plateau_exit_is_the_first_evaluation_over_the_threshold():
    history = {"step": [10, 20, 30, 40], "seconds": [1.0, 2.0, 3.0, 4.0], "test_rel_acc": [0.5, 0.8, 0.6, 0.9]}
    assert plateau_exit(history, 0.75) == (20, 2.0)
    assert plateau_exit(history, 0.95) is None


# ----------------------------------------------------------------------------- training


def test_showdown_configuration_trains_and_its_loss_falls():
    """The chosen configuration, a few dozen steps: both models' training loss falls from ln(3)."""
    config = showdown_config(steps=40, eval_every=20, test_size=64)
    task = make_task(config)
    assert (task.num_objects, task.num_features) == (SHOWDOWN["num_objects"], SHOWDOWN["num_features"])
    for kind in ("rmc", "lstm"):
        _, history = train_run(kind, task, resolve_config(kind, task, config), seed=0)
        first, last = history["train_loss"]
        assert last < first - 0.02, f"{kind}: training loss did not fall ({first:.4f} -> {last:.4f})"
        assert history["step"] == [20, 40]
        assert len(history["test_rank_acc"][-1]) == task.num_objects
        assert history["seconds"][0] < history["seconds"][1]
        assert all(s <= w for s, w in zip(history["seconds"], history["wall_seconds"]))  # evaluations excluded


def test_train_run_matches_train_one():
    """The sweep's loop is train_one plus the relational breakdown: same seed, same curve."""
    from rmc_ref.train import train_one

    config = TrainConfig.from_dict({**TINY.to_dict(), "steps": 6, "eval_every": 3})
    task = make_task(config)
    for kind in ("rmc", "lstm"):
        resolved = resolve_config(kind, task, config)
        _, ours = train_run(kind, task, resolved, seed=1)
        _, theirs = train_one(kind, task, resolved, seed=1)
        for key in ("step", "train_loss", "train_acc", "test_loss", "test_acc"):
            np.testing.assert_allclose(ours[key], theirs[key], rtol=1e-6, err_msg=f"{kind} {key}")
        assert "train_objects" not in ours
    # a curriculum's objects per window are kept in the sweep's history (and so in its checkpoints)
    curriculum = TrainConfig.from_dict({**config.to_dict(), "num_objects": 3, "curriculum_start": 2})
    resolved = resolve_config("lstm", make_task(curriculum), curriculum)
    _, ours = train_run("lstm", make_task(curriculum), resolved, seed=1)
    assert ours["train_objects"] == train_one("lstm", make_task(curriculum), resolved, seed=1)[1]["train_objects"]
    assert len(ours["train_objects"]) == len(ours["step"]) and ours["train_objects"][0] == 2


def test_train_run_leaves_torchs_global_rng_and_thread_count_alone():
    """The sweep trains with train_one: its own generators and fork_rng, no torch.manual_seed."""
    config = TrainConfig.from_dict({**TINY.to_dict(), "steps": 2, "eval_every": 2})
    task = make_task(config)
    torch.manual_seed(1234)
    state, threads = torch.random.get_rng_state(), torch.get_num_threads()
    _, first = train_run("rmc", task, config, seed=5)
    assert torch.equal(state, torch.random.get_rng_state()), "train_run moved torch's global RNG"
    assert torch.get_num_threads() == threads
    torch.manual_seed(99)  # another global state: the same run all the same
    _, again = train_run("rmc", task, config, seed=5)
    assert again["train_loss"] == first["train_loss"] and again["test_rel_acc"] == first["test_rel_acc"]


def test_a_diverging_sweep_run_stops_at_the_first_non_finite_loss():
    config = TrainConfig.from_dict({**TINY.to_dict(), "lr": 1e30, "steps": 4, "eval_every": 4})
    task = make_task(config)
    with pytest.raises(
        TrainingDiverged,
        match=r"^lstm seed 0 diverged at step 2: the training loss is nan; "
        r"try a smaller lr \(now 1e\+30\)",
    ):
        train_run("lstm", task, resolve_config("lstm", task, config), seed=0)


def test_a_diverging_sweep_exits_1_with_one_line_and_writes_no_summary(tmp_path: Path, capsys):
    """Two spawned workers: the worker's TrainingDiverged reaches the command line (eval_every 1)."""
    out = tmp_path / "diverged"
    code = main(
        [
            "--num-objects",
            "3",
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
            "--batch-size",
            "8",
            "--test-size",
            "48",
            "--lr",
            "1e30",
            "--steps-rmc",
            "4",
            "--steps-lstm",
            "4",
            "--seeds",
            "0",
            "--workers",
            "2",
            "--nice",
            "0",
            "--quiet",
            "--out-dir",
            str(out),
        ]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert (
        len(err) == 1
        and err[0].startswith("error: ")
        and "rmc seed 0 diverged at step 1: the test loss is nan" in err[0]
    )
    assert "no summary written" in err[0] and f"--collect {out}" in err[0]
    assert (out / "sweep.json").is_file() and not (out / "summary.json").exists()
    assert not list(out.glob("*.pt"))


# ----------------------------------------------------------------------------- the sweep


def test_sweep_of_two_seeds_in_two_processes_writes_everything(tmp_path: Path):
    summary = run_sweep(
        TINY,
        seeds=[0, 1],
        out_dir=tmp_path,
        steps={"rmc": 8, "lstm": 16},
        workers=2,
        show_progress=False,
        plot_name="sweep.png",
        command="test",
        log=lambda _: None,
    )
    for name in (
        "sweep.json",
        "summary.json",
        "history.json",
        "evaluations.csv",
        "sweep.png",
        "rmc_seed0.pt",
        "rmc_seed1.pt",
        "lstm_seed0.pt",
        "lstm_seed1.pt",
    ):
        assert (tmp_path / name).is_file(), name
    assert (tmp_path / "sweep.png").read_bytes()[:8] == PNG_SIGNATURE
    on_disk = json.loads((tmp_path / "summary.json").read_text())
    assert on_disk["seeds"] == [0, 1] and on_disk["budget"]["steps"] == {"rmc": 8, "lstm": 16}
    history = json.loads((tmp_path / "history.json").read_text())
    for kind, steps in (("rmc", 8), ("lstm", 16)):
        assert set(history[kind]) == {"0", "1"}
        assert history[kind]["0"]["step"][-1] == steps
        finals = [history[kind][s]["test_rel_acc"][-1] for s in ("0", "1")]
        assert on_disk["models"][kind]["test_rel_acc"]["median"] == pytest.approx(float(np.median(finals)))
        model, checkpoint = load_checkpoint(tmp_path / f"{kind}_seed1.pt")
        assert checkpoint["seed"] == 1 and checkpoint["config"]["steps"] == steps
        torch.load(tmp_path / f"{kind}_seed1.pt", weights_only=True)
    # seeds differ (two processes really trained two seeds), and the same seed gives the same curve
    assert history["rmc"]["0"]["train_loss"] != history["rmc"]["1"]["train_loss"]
    _, again = train_run("rmc", make_task(TINY), TrainConfig.from_dict(summary["models"]["rmc"]["config"]), seed=1)
    np.testing.assert_allclose(again["train_loss"], history["rmc"]["1"]["train_loss"], rtol=1e-6)
    with open(tmp_path / "evaluations.csv") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2 * (8 + 16)  # eval_every = max(1, steps // 40) = 1
    assert {"test_rel_acc", "test_rank2_acc", "seconds"} <= set(rows[0])
    assert "RMC" in summary_table(summary) and markdown_row(summary).count("|") == TABLE_HEADER.split("\n")[0].count(
        "|"
    )

    # a smaller budget read from the same runs: the first evaluations, unchanged
    truncated = collect(tmp_path, plot_name="", truncate={"rmc": 4, "lstm": 8})
    assert truncated["models"]["rmc"]["steps"] == 4 and truncated["models"]["lstm"]["steps"] == 8
    assert truncated["models"]["lstm"]["final_test_rel_acc"]["1"] == history["lstm"]["1"]["test_rel_acc"][7]
    # a sweep stopped half-way: only the finished runs count
    (tmp_path / "lstm_seed1.pt").unlink()
    partial = collect(tmp_path, plot_name="partial.png")
    assert partial["seeds_finished"] == {"rmc": [0, 1], "lstm": [0]}
    assert list(partial["models"]["lstm"]["final_test_acc"]) == ["0"]
    assert (tmp_path / "partial.png").is_file() and "LSTM" in summary_table(partial)


def test_cli_table_reads_finished_sweeps(tmp_path: Path, capsys):
    torch.manual_seed(1234)  # a state no run's seeding could land on
    state, threads = torch.random.get_rng_state(), torch.get_num_threads()
    run_sweep(
        TINY,
        seeds=[0],
        out_dir=tmp_path,
        steps={"rmc": 2, "lstm": 2},
        workers=1,
        show_progress=True,
        plot_name="",
        log=lambda _: None,
    )
    # workers=1 trains in this process: torch's global state as it was
    assert torch.equal(state, torch.random.get_rng_state()) and torch.get_num_threads() == threads
    assert main(["--table", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("| configuration") and "3 obj x 2 feat" in out


def test_cli_rejects_half_a_step_budget(capsys):
    assert main(["--steps-rmc", "5"]) == 2
    assert "--steps-lstm" in capsys.readouterr().err


def test_every_search_option_of_the_sweep_reaches_the_config():
    """The search's settings (gate, input, MLP, warm-up, curriculum) get to the runs' TrainConfig."""
    args = build_parser().parse_args(
        ["--num-objects", "5", "--gate-style", "memory", "--input-mode", "tile", "--mlp-layers", "3",
         "--warmup-steps", "500", "--curriculum-start", "3", "--clip-grad-norm", "0.5", "--num-blocks", "2"]
    )  # fmt: skip
    config = config_from_args(args)
    assert (config.gate_style, config.input_mode, config.mlp_layers) == ("memory", "tile", 3)
    assert (config.warmup_steps, config.curriculum_start, config.clip_grad_norm, config.num_blocks) == (500, 3, 0.5, 2)
    defaults = config_from_args(build_parser().parse_args([]))
    assert (defaults.gate_style, defaults.input_mode, defaults.mlp_layers) == ("unit", "row", 2)
    assert (defaults.warmup_steps, defaults.curriculum_start) == (0, None)
    assert config_from_args(build_parser().parse_args(["--gate-style", "none"])).gate_style is None


def test_a_curriculum_past_the_task_is_refused_naming_the_option(tmp_path: Path, capsys):
    argv = ["--curriculum-start", "4", "--steps-rmc", "2", "--steps-lstm", "2", "--out-dir", str(tmp_path), "--quiet"]
    assert main(argv) == 2
    assert capsys.readouterr().err.strip() == (
        "error: --curriculum-start must be at most num_objects=3 (or None for no curriculum), got 4"
    )


def test_cli_names_a_bad_option_like_the_training_cli(tmp_path: Path, capsys):
    """TrainConfig's checks, one line naming the option; nothing trained or written."""
    for option, value, problem in (
        ("--lr", "-1", "must be a finite number > 0, got -1.0"),
        ("--steps-rmc", "0", "must be an integer >= 1, got 0"),
        ("--test-size", "0", "must be an integer >= 1, got 0"),
    ):
        out = tmp_path / option
        argv = [option, value, "--steps-lstm", "2", "--out-dir", str(out), "--quiet"]
        if option != "--steps-rmc":
            argv += ["--steps-rmc", "2"]
        assert main(argv) == 2
        err = capsys.readouterr().err.strip()
        assert err == f"error: {option} {problem}"
        assert not (out / "summary.json").exists()


# ----------------------------------------------------------------------------- the plot


def _fake_history(steps, level):
    return {
        "step": steps,
        "seconds": [s / 10 for s in steps],
        "test_acc": [level] * len(steps),
        "test_rel_acc": [level / 2] * len(steps),
    }


def test_plot_sweep_draws_median_band_and_reference_lines():
    histories = {
        "RMC": [_fake_history([1, 2, 3], 0.9), _fake_history([1, 2, 3], 0.7)],
        "LSTM": [_fake_history([2, 4], 0.6)],
    }
    fig = plot_sweep(histories, chance=1 / 3, shortcut=2 / 3, plateau=0.5)
    assert isinstance(fig, Figure) and len(fig.axes) == 4
    top_left = fig.axes[0]
    rmc_line = top_left.get_lines()[0]
    np.testing.assert_allclose(rmc_line.get_ydata(), [0.8, 0.8, 0.8])  # median of 0.9 and 0.7
    labels = [text.get_text() for text in top_left.get_legend().get_texts()]
    assert any(label.startswith("chance") for label in labels) and any("shortcut" in label for label in labels)
    bottom_labels = [text.get_text() for text in fig.axes[2].get_legend().get_texts()]
    assert any(label.startswith("plateau") for label in bottom_labels)
    assert fig.axes[1].get_xlabel().startswith("training time")


def test_plot_sweep_rejects_bad_histories():
    with pytest.raises(ValueError, match="non-empty dict"):
        plot_sweep({})
    with pytest.raises(ValueError, match="needs the keys"):
        plot_sweep({"RMC": [{"step": [1]}]})
    with pytest.raises(ValueError, match="different steps"):
        plot_sweep({"RMC": [_fake_history([1, 2], 0.5), _fake_history([1, 3], 0.5)]})


# ----------------------------------------------------------------------------- the shipped set


def test_shipped_showdown_set_is_complete_and_loads():
    """rmc_course/assets/showdown: the files lessons 05/06 and the demos read, each checkpoint <= 5 MB."""
    from rmc_course.shipped import asset_path

    summary = json.loads(asset_path("showdown", "summary.json").read_text())
    history = json.loads(asset_path("showdown", "history.json").read_text())
    assert asset_path("showdown", "showdown.png").read_bytes()[:8] == PNG_SIGNATURE
    for kind, model in summary["models"].items():
        assert set(history[kind]) == set(model["final_test_acc"])
        for seed in model["final_test_acc"]:
            path = asset_path("showdown", f"{kind}_seed{seed}.pt")
            assert path.stat().st_size <= 5_000_000
            torch.load(path, weights_only=True)
            network, checkpoint = load_checkpoint(path)
            assert checkpoint["kind"] == kind and checkpoint["config"]["steps"] == model["steps"]
            assert checkpoint["history"]["test_rel_acc"][-1] == model["final_test_rel_acc"][seed]
    assert summary["command"] and summary["note"]


def test_step_costs_prepare_a_label_s_model_before_timing_it(monkeypatch):
    """Two code paths of one configuration: the hook runs on its label's model only, before any step."""
    config = showdown_config()
    seen = {}

    def readable(model):
        seen["readable"] = model
        model.core.fast_path = False

    calls = []
    original = RelationalMemory.unroll

    def spy(self, *args, **kwargs):
        calls.append(self.uses_fast_path())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(RelationalMemory, "unroll", spy)
    costs = measure_step_costs(
        make_task(config),
        {"fast": config, "readable": config},
        steps=1,
        rounds=1,
        kinds={"fast": "rmc", "readable": "rmc"},
        prepare={"readable": readable},
    )
    assert set(costs) == {"fast", "readable"} and all(cost > 0 for cost in costs.values())
    assert seen["readable"].core.fast_path is False
    assert sorted(calls) == [False, False, True, True]  # each model's step in each of the 2 rounds
