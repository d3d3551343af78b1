"""The training command line, checkpoints and plotting functions (rmc_ref.train, rmc_ref.viz).

Tiny models and a handful of steps: the whole file runs in well under half a minute on 2 CPU cores.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
import torch
from matplotlib.figure import Figure

from rmc_ref import count_parameters
from rmc_ref.train import (
    TrainConfig,
    build_model,
    evaluate,
    load_checkpoint,
    main,
    make_task,
    make_test_set,
    save_checkpoint,
    train_one,
)
from rmc_ref.viz import plot_attention, plot_attention_over_time, plot_learning_curves

REPO = Path(__file__).resolve().parents[1]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

TINY_ARGS = ["--steps", "6", "--batch-size", "8", "--eval-every", "3", "--test-size", "32",
             "--mem-slots", "2", "--head-size", "4", "--num-heads", "2",
             "--num-features", "4", "--num-objects", "4", "--head-hidden", "16", "--quiet",
             "--threads", "1"]  # tiny matrices: one thread is fastest and immune to oversubscription
TINY = TrainConfig(num_objects=4, num_features=4, mem_slots=2, head_size=4, num_heads=2,
                   head_hidden=[16], steps=6, batch_size=8, eval_every=3, test_size=32)


def assert_png(path: Path, min_bytes: int = 5_000) -> None:
    assert path.is_file(), f"{path} was not written"
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
    assert len(data) > min_bytes, f"{path} is suspiciously small ({len(data)} bytes)"


@pytest.fixture(autouse=True, scope="module")
def restore_torch_threads():
    """main(["--threads", ...]) sets torch's global thread count; give it back to later test files."""
    threads = torch.get_num_threads()
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def cli_run(restore_torch_threads, tmp_path_factory):
    """One CLI run of both models, shared by the tests that inspect its outputs."""
    out = tmp_path_factory.mktemp("run")
    plot = out / "curves.png"
    code = main([*TINY_ARGS, "--model", "both", "--seed", "0", "--out-dir", str(out),
                 "--save-plot", str(plot), "--visualize"])
    assert code == 0
    return out


def test_cli_writes_plots_checkpoints_and_json(cli_run):
    assert_png(cli_run / "curves.png")
    assert_png(cli_run / "attention_rmc.png")
    for kind in ("rmc", "lstm"):
        assert (cli_run / f"{kind}_seed0.pt").is_file()
    summary = json.loads((cli_run / "summary.json").read_text())
    history = json.loads((cli_run / "history.json").read_text())
    assert set(summary["models"]) == {"rmc", "lstm"}
    assert summary["chance"] == pytest.approx(0.25)
    assert summary["shortcut_accuracy"] == pytest.approx(0.5)  # 2 / num_objects
    for kind in ("rmc", "lstm"):
        run = history[kind]["0"]
        assert run["step"] == [3, 6]
        assert summary["models"][kind]["final_test_acc"]["0"] == run["test_acc"][-1]


@pytest.mark.parametrize("kind", ["rmc", "lstm"])
def test_checkpoint_reloads_with_weights_only_and_reproduces_final_accuracy(cli_run, kind):
    path = cli_run / f"{kind}_seed0.pt"
    raw = torch.load(path, weights_only=True)  # plain types only: must not raise
    assert raw["kind"] == kind and isinstance(raw["config"], dict) and "rmc_ref_version" in raw
    model, checkpoint = load_checkpoint(path)
    task = make_task(checkpoint["config"])
    inputs, labels = make_test_set(task, checkpoint["config"]["test_size"], checkpoint["seed"])
    loss, acc = evaluate(model, inputs, labels)
    assert acc == checkpoint["history"]["test_acc"][-1]
    assert loss == pytest.approx(checkpoint["history"]["test_loss"][-1], rel=1e-5)


def test_reloaded_model_gives_identical_logits(tmp_path):
    task = make_task(TINY)
    model, history = train_one("rmc", task, TINY, seed=3)
    path = save_checkpoint(tmp_path / "rmc.pt", "rmc", model, TINY, history, seed=3)
    reloaded, checkpoint = load_checkpoint(path)
    inputs, _ = task.sample(16, generator=torch.Generator().manual_seed(123))
    with torch.no_grad():
        assert torch.equal(model(inputs), reloaded(inputs))
    assert checkpoint["history"] == history


def test_same_seed_same_history_different_seed_different(tmp_path):
    def run(seed: int, name: str) -> dict:
        out = tmp_path / name
        assert main([*TINY_ARGS, "--model", "rmc", "--seed", str(seed), "--out-dir", str(out)]) == 0
        return json.loads((out / "history.json").read_text())["rmc"][str(seed)]

    first, again, other = run(0, "a"), run(0, "b"), run(1, "c")
    assert first == again
    assert first["train_loss"] != other["train_loss"]


def test_several_seeds_summary_reports_median_and_range(tmp_path, capsys):
    assert main([*TINY_ARGS, "--model", "lstm", "--seeds", "0", "1", "--out-dir", str(tmp_path),
                 "--save-plot", "--visualize"]) == 0
    printed = capsys.readouterr().out
    assert "median" in printed and "no attention" in printed
    summary = json.loads((tmp_path / "summary.json").read_text())
    stats = summary["models"]["lstm"]["final_test_acc_summary"]
    finals = sorted(summary["models"]["lstm"]["final_test_acc"].values())
    assert stats["n"] == 2 and stats["min"] == finals[0] and stats["max"] == finals[-1]
    assert {p.name for p in tmp_path.glob("*.pt")} == {"lstm_seed0.pt", "lstm_seed1.pt"}
    assert_png(tmp_path / "learning_curves.png")
    assert not (tmp_path / "attention_rmc.png").exists()


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


def test_bad_kind_and_bad_arguments():
    with pytest.raises(ValueError, match="kind"):
        build_model("gru", make_task(TINY), TINY)
    assert main(["--steps", "0", "--quiet"]) == 2
    with pytest.raises(SystemExit):
        main(["--model", "transformer"])


def test_help_runs_as_module():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run([sys.executable, "-m", "rmc_ref.train", "--help"], capture_output=True,
                            text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "--model" in result.stdout and "1e-04" in result.stdout  # the paper's learning rate


# --- viz ---------------------------------------------------------------------------------------


def _history(offset: float) -> dict:
    steps = [10, 20, 30]
    return {"step": steps, "train_loss": [2.0 - offset, 1.9, 1.8], "test_loss": [2.1, 2.0 - offset, 1.9],
            "train_acc": [0.1, 0.2 + offset, 0.3], "test_acc": [0.1, 0.15, 0.2 + offset]}


def test_plot_learning_curves_single_and_several_seeds(tmp_path):
    single = plot_learning_curves({"RMC": _history(0.0), "LSTM": _history(0.05)}, chance=0.125)
    several = plot_learning_curves({"RMC": [_history(0.0), _history(0.1)], "LSTM": [_history(0.05)]})
    for fig in (single, several):
        assert isinstance(fig, Figure) and len(fig.axes) == 2
    accuracy_axis = single.axes[1]
    assert any(np.allclose(line.get_ydata(), 0.125) for line in accuracy_axis.get_lines())
    fig_path = tmp_path / "curves.png"
    several.savefig(fig_path)
    assert_png(fig_path)


def test_plot_learning_curves_rejects_bad_histories():
    with pytest.raises(ValueError, match="step"):
        plot_learning_curves({"RMC": {"test_acc": [0.1]}})
    with pytest.raises(ValueError, match=r"shape \[3\].*got \[2\]"):
        plot_learning_curves({"RMC": {"step": [1, 2, 3], "test_acc": [0.1, 0.2]}})
    with pytest.raises(ValueError):
        plot_learning_curves({})


def test_plot_attention_heads_and_labels():
    weights = torch.softmax(torch.randn(3, 5, 5), dim=-1)  # H=3, N=4 slots + input row
    fig = plot_attention(weights, title="one step")
    heatmaps = [ax for ax in fig.axes if ax.get_images()]
    assert isinstance(fig, Figure) and len(heatmaps) == 3
    assert heatmaps[0].get_ylabel() == "query slot" and heatmaps[0].get_xlabel() == "key slot"
    assert [t.get_text() for t in heatmaps[0].get_yticklabels()][-1] == "input"
    assert len(fig.axes) == 4  # 3 heads + colorbar
    tile = plot_attention(weights.numpy(), input_row=False)
    tile_heatmap = next(ax for ax in tile.axes if ax.get_images())
    assert "input" not in [t.get_text() for t in tile_heatmap.get_xticklabels()]


def test_plot_attention_over_time_grid():
    weights = torch.softmax(torch.randn(4, 2, 3, 5, 5), dim=-1)  # T=4, blocks=2, H=3
    fig = plot_attention_over_time(weights, block=1)
    heatmaps = [ax for ax in fig.axes if ax.get_images()]
    assert isinstance(fig, Figure) and len(heatmaps) == 4 * 3


@pytest.mark.parametrize("call, match", [
    (lambda: plot_attention(torch.rand(5, 5)), r"\[H, Nq, Nk\].*got \[5, 5\]"),
    (lambda: plot_attention(torch.rand(2, 3, 3), query_labels=["a"]), "query_labels"),
    (lambda: plot_attention_over_time(torch.rand(1, 4, 1, 2, 5, 5)), r"\[T, num_blocks, H, Nq, Nk\].*got \[1, 4, 1, 2, 5, 5\]"),
    (lambda: plot_attention_over_time(torch.rand(4, 1, 2, 5, 5), block=1), "block"),
])
def test_viz_shape_errors_name_expected_and_actual(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_seed_cheat_sheet_spelling_of_save_plot_still_works():
    """Learners coming from the seed's ``train_minimal.py --save_plot`` get the same option."""
    from rmc_ref.train import build_parser

    args = build_parser().parse_args(["--model", "both", "--save_plot", "curves.png", "--visualize"])
    assert args.save_plot == "curves.png" and args.visualize and args.model == "both"
