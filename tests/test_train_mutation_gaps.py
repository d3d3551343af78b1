"""Tests written for gaps that mutation testing of rmc_ref/train.py and rmc_ref/viz.py found (or
would find): a dropped argument, a default that drifted, an error path nobody exercised.
In-process and tiny; the whole file runs in a few seconds."""

from __future__ import annotations

import argparse
import dataclasses
import math
import sys

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
import torch

from rmc_ref.train import (
    ConfigError,
    TrainConfig,
    TrainingDiverged,
    _as_config,
    _check_device,
    _cpu_name,
    _environment,
    _write_json,
    build_parser,
    build_rmc_core,
    config_from_args,
    evaluate,
    load_checkpoint,
    main,
    make_task,
    make_test_set,
    new_history,
    parameter_counts,
    save_checkpoint,
    build_model,
    check_seed,
    summarize,
    torch_threads,
    train_one,
)
from rmc_ref.viz import plot_attention, plot_attention_over_time, plot_learning_curves

import cli_transcript
import figure_spec

SHORT = TrainConfig(num_objects=2, num_features=2, mem_slots=2, head_size=4, num_heads=2, head_hidden=[16],
                    steps=2, batch_size=8, eval_every=2, test_size=16, lr=1e-2)
EVERY_OPTION = {  # a non-default value for every option that feeds TrainConfig
    "--num-objects": ("5", "num_objects", 5), "--num-features": ("3", "num_features", 3),
    "--mem-slots": ("3", "mem_slots", 3), "--head-size": ("6", "head_size", 6),
    "--num-heads": ("2", "num_heads", 2), "--num-blocks": ("2", "num_blocks", 2),
    "--gate-style": ("memory", "gate_style", "memory"), "--input-mode": ("tile", "input_mode", "tile"),
    "--mlp-layers": ("3", "mlp_layers", 3), "--lstm-hidden": ("7", "lstm_hidden", 7),
    "--match": ("core", "match", "core"), "--steps": ("9", "steps", 9), "--batch-size": ("11", "batch_size", 11),
    "--lr": ("0.02", "lr", 0.02), "--clip-grad-norm": ("0.5", "clip_grad_norm", 0.5),
    "--eval-every": ("4", "eval_every", 4), "--test-size": ("13", "test_size", 13),
    "--threads": ("2", "threads", 2), "--device": ("cpu", "device", "cpu"),
}


def test_every_cli_option_reaches_the_config():
    argv = [part for option, (value, _, _) in EVERY_OPTION.items() for part in (option, value)]
    config = config_from_args(build_parser().parse_args([*argv, "--head-hidden", "8", "9"]))
    for option, (_, field, expected) in EVERY_OPTION.items():
        assert getattr(config, field) == expected, option
    assert config.head_hidden == [8, 9]
    assert config_from_args(build_parser().parse_args(["--head-hidden"])).head_hidden == []  # linear read-out


def test_cli_defaults_are_the_config_defaults():
    assert config_from_args(build_parser().parse_args([])) == TrainConfig()
    args = build_parser().parse_args([])
    assert (args.model, args.seed, args.seeds, args.out_dir, args.save_plot, args.visualize, args.quiet) == (
        "both", 0, None, "runs", None, False, False)


def test_help_shows_useful_defaults_only():
    text = " ".join(build_parser().format_help().split())
    assert "optimiser steps per model (default: 1000)" in text
    assert "(default: None)" not in text and "(default: False)" not in text


@pytest.mark.parametrize("case", list(cli_transcript.CASES))
def test_cli_output_matches_its_reviewed_transcript(case, tmp_path):
    """stdout, files, summary.json, history.json and checkpoints of a CLI run, against
    tests/golden/train_cli.json (regenerate with tests/cli_transcript.py --write, then review)."""
    found = cli_transcript.differences(cli_transcript.golden()[case], cli_transcript.transcript(case, tmp_path))
    assert not found, f"{len(found)} differences from the reviewed transcript:\n" + "\n".join(found[:25])


def test_cli_help_matches_its_reviewed_transcript():
    found = cli_transcript.differences(cli_transcript.golden()["--help"], cli_transcript.help_text())
    assert not found, "\n".join(found[:25])


def test_environment_names_threads_device_and_machine():
    previous = torch.get_num_threads()
    try:
        torch.set_num_threads(2)
        assert _environment(dataclasses.replace(SHORT, threads=3)) == cli_transcript.expected_environment(3)
        assert _environment(dataclasses.replace(SHORT, threads=0))["threads"] == 2  # 0: torch's own count
    finally:
        torch.set_num_threads(previous)
    assert cli_transcript.expected_environment(1)["processor"] != "unknown"


def test_json_files_are_indented_and_strict(tmp_path):
    _write_json(tmp_path / "a.json", {"acc": [0.5, 1], "name": "rmc"})
    assert (tmp_path / "a.json").read_text() == '{\n  "acc": [\n    0.5,\n    1\n  ],\n  "name": "rmc"\n}\n'
    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        _write_json(tmp_path / "b.json", {"loss": float("nan")})


def test_help_does_not_repeat_a_default_the_help_already_states():
    from rmc_ref.train import _HelpFormatter

    parser = argparse.ArgumentParser(formatter_class=_HelpFormatter)
    parser.add_argument("--clip", type=float, default=1.5, help="clip norm (default: 1.5, the paper's)")
    parser.add_argument("--steps", type=int, default=7, help="optimiser steps")
    text = " ".join(parser.format_help().split())
    assert "clip norm (default: 1.5, the paper's) --steps" in text  # not "... (default: 1.5)" twice
    assert "optimiser steps (default: 7)" in text


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
    import pickle

    marker = tmp_path / "code_ran"
    torch.save({"kind": "rmc", "config": SHORT.to_dict(), "model": {}, "payload": _RunsCode(marker)},
               tmp_path / "trap.pt")
    # torch.load honours this variable only when the caller leaves weights_only unset
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(pickle.UnpicklingError, match="Weights only load failed"):
        load_checkpoint(tmp_path / "trap.pt")
    assert not marker.exists()


def test_build_rmc_core_passes_every_field():
    config = dataclasses.replace(SHORT, num_blocks=2, gate_style="memory", mlp_layers=3, input_mode="tile",
                                 head_size=3, num_heads=4, mem_slots=5)
    core = build_rmc_core(make_task(config), config)
    assert (core.num_blocks, core.gate_style, core.attention_mlp_layers, core.input_mode) == (2, "memory", 3, "tile")
    assert (core.head_size, core.num_heads, core.mem_slots, core.input_size) == (3, 4, 5, 2 + 3 * 2)


def test_config_must_be_a_config_or_a_mapping():
    with pytest.raises(TypeError, match="config must be a TrainConfig or a dict, got list"):
        _as_config([1, 2])
    with pytest.raises(ValueError, match=r"unknown config keys \['stepz'\]"):
        TrainConfig.from_dict({"stepz": 3})
    assert _as_config(SHORT) == SHORT and _as_config(SHORT) is not SHORT  # a checked copy


def test_diverged_message_mentions_the_clip_in_force():
    config = dataclasses.replace(SHORT, lr=1e30, clip_grad_norm=1e30, steps=3, eval_every=3)
    with pytest.raises(TrainingDiverged, match=r"a smaller clip_grad_norm \(now 1e\+30\)"):
        train_one("rmc", make_task(config), config)


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


def test_history_records_every_eval_every_steps_and_the_last_step():
    config = dataclasses.replace(SHORT, steps=5, eval_every=2)
    _, history = train_one("lstm", make_task(config), config)
    assert history["step"] == [2, 4, 5]
    assert set(history) == set(new_history()) and all(len(v) == 3 for v in history.values())
    assert all(0.0 <= acc <= 1.0 for acc in history["train_acc"] + history["test_acc"])


def test_torch_threads_zero_leaves_the_count_alone():
    before = torch.get_num_threads()
    with torch_threads(0):
        assert torch.get_num_threads() == before
    with torch_threads(before + 1):
        assert torch.get_num_threads() == before + 1
    assert torch.get_num_threads() == before


def test_summarize():
    assert summarize([0.3, 0.1, 0.2]) == {"median": 0.2, "min": 0.1, "max": 0.3, "n": 3}


def test_make_test_set_checks_its_arguments():
    with pytest.raises(ConfigError, match="^test_size "):
        make_test_set(make_task(SHORT), 0, seed=0)
    with pytest.raises(ConfigError, match="^seed "):
        make_test_set(make_task(SHORT), 4, seed=-1)


def test_parameter_counts_add_up():
    model = build_model("rmc", make_task(SHORT), SHORT)
    counts = parameter_counts(model)
    assert counts["core"] == sum(p.numel() for p in model.core.parameters())
    assert counts["head"] == sum(p.numel() for p in model.head.parameters())
    assert counts["total"] == counts["core"] + counts["head"]


def test_load_checkpoint_rejects_foreign_files(tmp_path):
    path = tmp_path / "other.pt"
    torch.save({"weights": torch.zeros(2)}, path)
    with pytest.raises(ValueError, match=r"not an rmc_ref checkpoint: missing \['kind', 'config', 'model'\]"):
        load_checkpoint(path)


def test_several_seeds_table_prints_median_and_range(tmp_path, capsys):
    argv = ["--num-objects", "2", "--num-features", "2", "--mem-slots", "2", "--head-size", "4",
            "--num-heads", "2", "--head-hidden", "16", "--steps", "2", "--batch-size", "4", "--eval-every", "2",
            "--test-size", "8", "--quiet", "--model", "lstm", "--seeds", "0", "1", "--out-dir", str(tmp_path)]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    import json

    stats = json.loads((tmp_path / "summary.json").read_text())["models"]["lstm"]["final_test_acc_summary"]
    assert f"{stats['median']:.1%} [{stats['min']:.1%}, {stats['max']:.1%}]" in printed
    assert "median [min, max]" in printed and "one seed only" not in printed


# --- viz ---------------------------------------------------------------------------------------


def test_learning_curves_median_line_and_band_are_the_seeds_statistics():
    runs = [{"step": [1, 2], "test_acc": [0.1, 0.5]}, {"step": [1, 2], "test_acc": [0.3, 0.2]},
            {"step": [1, 2], "test_acc": [0.2, 0.9]}]
    fig = plot_learning_curves({"RMC": runs}, chance=0.25, reference_lines={"shortcut": 0.5})
    accuracy = fig.axes[1]
    median = next(line for line in accuracy.get_lines() if line.get_label().startswith("RMC test"))
    np.testing.assert_allclose(median.get_ydata(), [0.2, 0.5])
    band = accuracy.collections[0].get_paths()[0].vertices[:, 1]
    assert np.isclose(band.min(), 0.1) and np.isclose(band.max(), 0.9)
    labels = [line.get_label() for line in accuracy.get_lines()]
    assert "chance (25.0%)" in labels and "shortcut (50.0%)" in labels
    assert accuracy.get_ylim() == (0.0, 1.0) and accuracy.get_xlabel() == "training step"
    assert fig.axes[0].get_ylabel() == "cross-entropy loss"


def test_learning_curves_use_the_shortest_run_and_refuse_mismatched_steps():
    short = {"step": [1], "test_acc": [0.2]}
    long = {"step": [1, 2], "test_acc": [0.4, 0.6]}
    fig = plot_learning_curves({"LSTM": [long, short]})
    line = fig.axes[1].get_lines()[0]
    np.testing.assert_allclose(line.get_xdata(), [1])
    with pytest.raises(ValueError, match="different steps"):
        plot_learning_curves({"LSTM": [long, {"step": [2, 3], "test_acc": [0.1, 0.2]}]})
    with pytest.raises(ValueError, match="empty list"):
        plot_learning_curves({"LSTM": []})
    with pytest.raises(ValueError, match="must be a dict"):
        plot_learning_curves({"LSTM": [[0.1, 0.2]]})


def test_attention_heatmaps_show_the_weights_with_a_fixed_colour_scale():
    weights = torch.softmax(torch.randn(2, 4, 4, generator=torch.Generator().manual_seed(0)), dim=-1)  # [H, N+1, N+1]
    fig = plot_attention(weights, title="t")
    images = [ax.get_images()[0] for ax in fig.axes if ax.get_images()]
    np.testing.assert_allclose(images[1].get_array(), weights[1].numpy())
    assert images[0].get_clim() == (0.0, 1.0)
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["0", "1", "2", "input"]
    assert fig.axes[0].get_title() == "head 0" and fig._suptitle.get_text() == "t"
    over_time = torch.softmax(torch.randn(3, 2, 2, 4, 4, generator=torch.Generator().manual_seed(1)), dim=-1)
    grid = plot_attention_over_time(over_time, block=1, step_labels=["a", "b", "c"])
    cells = [ax for ax in grid.axes if ax.get_images()]
    np.testing.assert_allclose(cells[1].get_images()[0].get_array(), over_time[1, 1, 0].numpy())  # head 0, t=1
    assert [cells[t].get_title() for t in range(3)] == ["a", "b", "c"]
    assert cells[0].get_ylabel() == "head 0\nquery slot"
    with pytest.raises(ValueError, match="block must be an integer"):
        plot_attention_over_time(over_time, block=True)
    with pytest.raises(ValueError, match="array of numbers"):
        plot_attention([["a"]])


# --- every figure as reviewed (tests/figure_spec.py) ----------------------------------------------


@pytest.mark.parametrize("case", figure_spec.CASES)
def test_figure_matches_its_reviewed_description(case):
    """Each figure function on small fixed inputs draws exactly what was reviewed: the data of every
    line, band, bar, marker and image, every title, label, tick label and legend entry, and the
    style (colours, line styles and widths, sizes, colour scales, layout). A changed figure fails
    here; if the change is deliberate, look at the figure and rewrite the golden file
    (``python tests/figure_spec.py --write``)."""
    expected, actual = figure_spec.golden()[case], figure_spec.draw(case)
    changes = figure_spec.differences(expected, actual)
    assert not changes, f"{len(changes)} differences, first ones:\n" + "\n".join(changes[:8])


# --- every refusal of rmc_ref.viz names the argument, the shapes and the hint -------------------

VIZ_REFUSALS = [
    ('plot_attention(np.zeros((2, 3)))',
     'attention weights must have shape [H, Nq, Nk], got [2, 3]: one block at one time step, e.g. attn[0, 0] of attn [B, blocks, H, Nq, Nk]'),
    ('plot_attention(np.zeros((1, 0, 2)))',
     'attention weights must be non-empty, got shape [1, 0, 2]'),
    ('plot_attention(np.zeros((1, 2, 0)))',
     'attention weights must be non-empty, got shape [1, 2, 0]'),
    ('plot_attention(np.zeros((0, 2, 2)))',
     'attention weights must be non-empty, got shape [0, 2, 2]'),
    ("plot_attention(np.ones((1, 2, 3)) / 3, key_labels=['a'])",
     'key_labels must have 3 entries (one per row/column), got 1'),
    ("plot_attention(np.ones((1, 2, 3)) / 3, query_labels=['a'])",
     'query_labels must have 2 entries (one per row/column), got 1'),
    ('plot_attention_over_time(np.zeros((2, 1, 1, 2)))',
     'attention weights must have shape [T, num_blocks, H, Nq, Nk], got [2, 1, 1, 2]: one sequence, e.g. attn[0] of attn [B, T, blocks, H, Nq, Nk] from unroll'),
    ('plot_attention_over_time(np.zeros((2, 1, 1, 0, 2)))',
     'attention weights must be non-empty, got shape [2, 1, 1, 0, 2]'),
    ("plot_attention_over_time(np.ones((2, 1, 1, 2, 2)) / 2, step_labels=['a'])",
     'step_labels must have 2 entries (one per row/column), got 1'),
    ('plot_attention_over_time(np.ones((2, 1, 1, 2, 2)) / 2, block=1)',
     'block must be an integer in [0, 1), got 1'),
    ('plot_nth_farthest_question(np.zeros(3), m=0, n=0)',
     'vectors must have shape [T, F], got [3]: one sequence, e.g. task.decode(inputs).vectors[0]'),
    ('plot_nth_farthest_question(np.zeros((1, 2)), m=0, n=0)',
     'vectors must hold at least 2 objects with at least 1 feature, got shape [1, 2]'),
    ('plot_nth_farthest_question(np.zeros((3, 0)), m=0, n=0)',
     'vectors must hold at least 2 objects with at least 1 feature, got shape [3, 0]'),
    ('plot_nth_farthest_question(np.eye(3), m=0, n=0, object_ids=[0, 1])',
     'object_ids must have shape [3], got [2]: the id shown at each step'),
    ('plot_nth_farthest_question(np.eye(3), m=0, n=0, object_ids=[0, 1, 1])',
     'object_ids must be a permutation of 0..2, got [0, 1, 1]'),
    ("plot_nth_farthest_question(np.eye(3), m=0, n=0, object_ids=['a', 'b', 'c'])",
     'object_ids must be an array of numbers, got list'),
    ("plot_nth_farthest_question([['a']], m=0, n=0)",
     'vectors must be an array of numbers, got list'),
    ('plot_nth_farthest_question(np.eye(3), m=1.0, n=0)',
     'm must be an integer in [0, 3), got 1.0'),
    ('plot_nth_farthest_question(np.eye(3), m=0, n=3)',
     'n must be an integer in [0, 3), got 3'),
    ('plot_nth_farthest_question(np.eye(3), m=0, n=0, prediction=True)',
     'prediction must be an integer in [0, 3), got True'),
    ('plot_rank_accuracy({})',
     'rank_accuracy must be a non-empty dict {model name: [K] or [S, K] accuracies}'),
    ("plot_rank_accuracy({'A': np.zeros((1, 2, 2))})",
     "rank_accuracy['A'] must have shape [K] or [S, K], got [1, 2, 2]"),
    ("plot_rank_accuracy({'A': []})",
     "rank_accuracy['A'] must have shape [K] or [S, K], got [0]"),
    ("plot_rank_accuracy({'A': [0.1, 0.2], 'B': [0.1, 0.2, 0.3]})",
     "rank_accuracy['B'] has 3 ranks, the first model 2"),
    ("plot_rank_accuracy({'A': [0.1, 0.2]}, reference={'r': [0.1]})",
     "reference['r'] must have shape [2], got [1]"),
    ('attention_shares(np.zeros((1, 1, 1, 3, 3)))',
     'attention weights must have shape [B, T, num_blocks, H, Nq, Nk], got [1, 1, 1, 3, 3]: the [B, T, blocks, H, N+1, N+1] tensor of unroll(..., return_attention=True)'),
    ('attention_shares(np.zeros((1, 1, 1, 1, 2, 3)))',
     "attention weights must be square maps over N memory slots + the input row ('row' input mode, N >= 1), got shape [1, 1, 1, 1, 2, 3]"),
    ('attention_shares(np.ones((1, 1, 1, 1, 1, 1)))',
     "attention weights must be square maps over N memory slots + the input row ('row' input mode, N >= 1), got shape [1, 1, 1, 1, 1, 1]"),
    ('attention_shares(np.zeros((0, 1, 1, 1, 2, 2)))',
     "attention weights must be square maps over N memory slots + the input row ('row' input mode, N >= 1), got shape [0, 1, 1, 1, 2, 2]"),
    ('plot_attention_shares({})',
     'shares must be a non-empty dict {model name: [T, blocks, H, 3] array}'),
    ('plot_attention_shares([np.zeros((1, 1, 1, 3))])',
     'shares must be a non-empty dict {model name: [T, blocks, H, 3] array}'),
    ("plot_attention_shares({'a': np.zeros((1, 1, 3))})",
     "shares['a'] must have shape [T, blocks, H, 3], got [1, 1, 3]"),
    ("plot_attention_shares({'a': np.zeros((2, 2, 1, 3))}, block=1.0)",
     'block must be an integer in [0, 2), got 1.0'),
    ("plot_attention_shares({'a': np.zeros((2, 2, 1, 3))}, block=2)",
     'block must be an integer in [0, 2), got 2'),
    ("plot_attention_shares({'a': np.zeros((2, 2, 1, 3)), 'b': np.zeros((2, 1, 2, 3))})",
     "shares['b'] has blocks x heads [1, 2], the first model [2, 1]"),
    ('plot_sweep({})',
     'histories must be a non-empty dict {model name: list of sweep histories}'),
    ('plot_sweep([1])',
     'histories must be a non-empty dict {model name: list of sweep histories}'),
    ("plot_sweep({'A': []})",
     "histories['A'] is an empty list; give at least one history"),
    ("plot_sweep({'A': [{'step': [1]}]})",
     "history 0 of 'A' needs the keys ['step', 'seconds', 'test_acc', 'test_rel_acc'] (a sweep history)"),
    ("plot_sweep({'A': [[1]]})",
     "history 0 of 'A' needs the keys ['step', 'seconds', 'test_acc', 'test_rel_acc'] (a sweep history)"),
    ("plot_sweep({'A': [{'step': [1, 2], 'seconds': [1], 'test_acc': [0.1], 'test_rel_acc': [0.1]}]})",
     "history 0 of 'A': lists of different lengths {'step': 2, 'seconds': 1, 'test_acc': 1, 'test_rel_acc': 1}"),
    ("plot_sweep({'A': [{'step': [1, 2], 'seconds': [1, 2], 'test_acc': [0.1, 0.2], 'test_rel_acc': [0.1, 0.2]}, {'step': [1, 3], 'seconds': [1, 2], 'test_acc': [0.1, 0.2], 'test_rel_acc': [0.1, 0.2]}, {'step': [1, 2], 'seconds': [1, 2], 'test_acc': [0.1, 0.2], 'test_rel_acc': [0.1, 0.2]}]})",
     "the seeds of 'A' were evaluated at different steps"),    ("plot_attention([['a']])",
     'attention weights must be an array of numbers, got list'),
    ("plot_attention_over_time([['a']])",
     'attention weights must be an array of numbers, got list'),
    ("attention_shares([['a']])",
     'attention weights must be an array of numbers, got list'),
    ("plot_attention_sharpness([['a']])",
     'attention weights must be an array of numbers, got list'),
    ('plot_attention_sharpness(np.ones((2, 3)))',
     'attention weights must have shape [H, N, N], got [2, 3]: one square map per head'),
    ('plot_attention_sharpness(np.ones((1, 2, 3)))',
     'attention weights must have shape [H, N, N], got [1, 2, 3]: one square map per head'),
    ('plot_attention_sharpness(np.ones((0, 2, 2)))',
     'attention weights must be non-empty, got shape [0, 2, 2]'),
    ('plot_attention_sharpness(np.ones((1, 0, 0)))',
     'attention weights must be non-empty, got shape [1, 0, 0]'),
    ("plot_attention_sharpness(np.ones((1, 2, 2)) / 2, slot_labels=['a'])",
     'slot_labels must have 2 entries (one per row/column), got 1'),
    ("plot_attention_map([['a']])",
     'attention weights must be an array of numbers, got list'),
    ('plot_attention_map(np.ones((1, 2, 2)))',
     'attention weights must have shape [Nq, Nk], got [1, 2, 2]: one head of one block at one step, e.g. attn[b, t, block, head]'),
    ('plot_attention_map(np.ones((0, 2)))',
     'attention weights must be non-empty, got shape [0, 2]'),
    ('plot_attention_map(np.ones((2, 0)))',
     'attention weights must be non-empty, got shape [2, 0]'),
    ("plot_attention_map(np.ones((2, 3)) / 3, query_labels=['a'])",
     'query_labels must have 2 entries (one per row/column), got 1'),
    ("plot_attention_map(np.ones((2, 3)) / 3, key_labels=['a'])",
     'key_labels must have 3 entries (one per row/column), got 1'),
    ('plot_memory_survival({})',
     "curves must be a non-empty dict {label: {'step', 'kept', 'similarity'}}"),
    ('plot_memory_survival([1])',
     "curves must be a non-empty dict {label: {'step', 'kept', 'similarity'}}"),
    ("plot_memory_survival({'a': {'step': [0], 'kept': [1], 'similarity': [1]}}, highlight='b')",
     "highlight must be one of ['a'], got 'b'"),
    ("plot_memory_survival({'a': {'step': [0], 'kept': [1]}})",
     "curves['a'] needs a 'similarity' array, got keys ['kept', 'step']"),
    ("plot_memory_survival({'a': {'kept': [1], 'similarity': [1]}})",
     "curves['a'] needs a 'step' array, got keys ['kept', 'similarity']"),
    ("plot_memory_survival({'a': {'step': [0, 1], 'kept': [1], 'similarity': [1, 2]}})",
     "curves['a']: 'step', 'kept' and 'similarity' must have the same shape [T], got [2], [1], [2]"),
    ("plot_memory_survival({'a': {'step': [0, 1], 'kept': [1, 1], 'similarity': [1]}})",
     "curves['a']: 'step', 'kept' and 'similarity' must have the same shape [T], got [2], [2], [1]"),
    ("plot_memory_survival({'a': {'step': [[0, 1]], 'kept': [[1, 1]], 'similarity': [[1, 1]]}})",
     "curves['a']: 'step', 'kept' and 'similarity' must have the same shape [T], got [1, 2], [1, 2], [1, 2]"),
    ("plot_memory_step([['a']], np.ones((1, 2, 2)), np.ones((2, 3)))",
     'memory_before must be an array of numbers, got list'),
    ('plot_memory_step(np.ones(3), np.ones((1, 2, 2)), np.ones(3))',
     'memory_before must have shape [N, F], got [3]: memory of one sequence, e.g. memory[b, t]'),
    ("plot_memory_step(np.ones((2, 3)), np.ones((1, 2, 2)), [['a']])",
     'memory_after must be an array of numbers, got list'),
    ('plot_memory_step(np.ones((2, 3)), np.ones((1, 2, 2)), np.ones((3, 2)))',
     'memory_after must have shape [2, 3], got [3, 2]: the memory after the step has the same shape'),
    ("plot_memory_step(np.ones((2, 3)), [['a']], np.ones((2, 3)))",
     'attention must be an array of numbers, got list'),
    ('plot_memory_step(np.ones((2, 3)), np.ones((2, 2)), np.ones((2, 3)))',
     'attention must have shape [H, Nq, Nk], got [2, 2]: one block at this step, e.g. attn[b, t, block]'),
    ('plot_memory_step(np.ones((2, 3)), np.ones((0, 2, 2)), np.ones((2, 3)))',
     'memory and attention must be non-empty, got shapes [2, 3] and [0, 2, 2]'),
    ('plot_memory_step(np.ones((2, 0)), np.ones((1, 2, 2)), np.ones((2, 0)))',
     'memory and attention must be non-empty, got shapes [2, 0] and [1, 2, 2]'),
    ("plot_cost({}, x_label='x')",
     "series must be a non-empty dict {model: {'x', 'time', 'memory'}}"),
    ("plot_cost([1], x_label='x')",
     "series must be a non-empty dict {model: {'x', 'time', 'memory'}}"),
    ("plot_cost({'a': {'time': [1]}}, x_label='x')",
     "series['a'] needs the array 'x', got keys ['time']"),
    ("plot_cost({'a': {'x': [1]}}, x_label='x')",
     "series['a'] needs the array 'time', got keys ['x']"),
    ("plot_cost({'a': {'x': [1, 2], 'time': [1]}}, x_label='x')",
     "series['a']: 'x', 'time' and 'memory' must have the same shape [P], got [2], [1], [2]"),
    ("plot_cost({'a': {'x': [1, 2], 'time': [1, 2], 'memory': [1]}}, x_label='x')",
     "series['a']: 'x', 'time' and 'memory' must have the same shape [P], got [2], [2], [1]"),
    ("plot_cost({'a': {'x': [[1, 2]], 'time': [[1, 2]], 'memory': [[1, 2]]}}, x_label='x')",
     "series['a']: 'x', 'time' and 'memory' must have the same shape [P], got [1, 2], [1, 2], [1, 2]"),
    ('plot_learning_curves({})',
     'histories must be a non-empty dict {model name: history or list of histories}'),
    ('plot_learning_curves([1])',
     'histories must be a non-empty dict {model name: history or list of histories}'),
    ("plot_learning_curves({'a': []})",
     "histories['a'] is an empty list; give at least one history"),
    ("plot_learning_curves({'a': [[1]]})",
     "history of 'a' (run 0) must be a dict with 'step' and metric lists, got list"),
    ("plot_learning_curves({'a': {'test_acc': [1]}})",
     "history of 'a' (run 0) needs a 'step' list, got keys ['test_acc']"),
    ("plot_learning_curves({'a': {'step': [[1]], 'test_acc': [[1]]}})",
     "history of 'a' (run 0): 'step' must have shape [E], got [1, 1]"),
    ("plot_learning_curves({'a': {'step': [1], 'acc': [1]}})",
     "history of 'a' (run 0) has none of ['train_loss', 'test_loss', 'train_acc', 'test_acc'], got keys ['acc', 'step']"),
    ("plot_learning_curves({'a': {'step': [1, 2], 'test_acc': [1]}})",
     "history of 'a' (run 0): 'test_acc' must have shape [2] like 'step', got [1]"),
    ("plot_learning_curves({'a': [{'step': [1, 2], 'test_acc': [1, 2]}, {'step': [1, 3], 'test_acc': [1, 2]}]})",
     "the runs of 'a' were evaluated at different steps; give every seed the same --eval-every and --steps"),
]


@pytest.mark.parametrize("call, message", VIZ_REFUSALS)
def test_viz_refuses_bad_input_with_the_whole_message(call, message):
    from rmc_ref import viz

    with pytest.raises(ValueError) as error:
        eval(call, {"np": np, **{name: getattr(viz, name) for name in viz.__all__}})
    assert str(error.value) == message


# --- the CLI's messages and the attention plot it saves -------------------------------------------


def test_cli_errors_are_one_whole_line(capsys):
    assert main(["--steps", "0", "--quiet"]) == 2
    assert capsys.readouterr().err == "error: --steps must be an integer >= 1, got 0\n"
    with pytest.raises(SystemExit) as exit_:
        main(["--model", "transformer"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("python -m rmc_ref.train: error: argument --model: invalid choice: 'transformer'")
    assert err.count("\n") == 1


def test_diverged_message_without_clipping_suggests_one():
    config = dataclasses.replace(SHORT, lr=1e30, clip_grad_norm=None, steps=3, eval_every=3)
    with pytest.raises(TrainingDiverged, match=r"try a smaller lr \(now 1e\+30\) or clip_grad_norm \(e\.g\. 1\.0\)$"):
        train_one("rmc", make_task(config), config)


def test_save_attention_plot_draws_the_asked_example(tmp_path, monkeypatch):
    """What save_attention_plot hands to plot_attention_over_time, and the PNG it writes (110 dpi,
    into a folder it creates)."""
    import struct

    from rmc_ref import viz
    from rmc_ref.train import save_attention_plot

    task = make_task(SHORT)
    model, _ = train_one("rmc", task, SHORT)
    inputs, labels = make_test_set(task, 3, seed=5)
    seen = []
    real = viz.plot_attention_over_time
    monkeypatch.setattr(viz, "plot_attention_over_time", lambda *a, **k: seen.append((a, k)) or real(*a, **k))
    for index, kwargs in ((0, {}), (2, {"index": 2, "input_row": False})):
        path = save_attention_plot(model, task, (inputs, labels), tmp_path / "a" / "b" / f"{index}.png", **kwargs)
        (weights,), options = seen[-1]
        with torch.no_grad():
            logits, attention = model(inputs[index:index + 1], return_attention=True)  # [1, C], [1, T, ...]
        torch.testing.assert_close(weights, attention[0])
        ids = task.decode(inputs[index:index + 1]).object_ids[0].tolist()
        assert options == {
            "block": 0, "step_labels": [f"t={t}: obj {o}" for t, o in enumerate(ids)],
            "input_row": kwargs.get("input_row", True),
            "title": "RMC attention per head over one test sequence (block 0)\n"
                     f"{task.describe(inputs, labels, index)}; the model says {int(logits.argmax(-1)[0])}"}
        width, height = struct.unpack(">II", path.read_bytes()[16:24])  # PNG header
        figure = real(attention[0], **options)
        assert (width, height) == tuple(round(v * 110) for v in figure.get_size_inches())


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
    ({"clip_grad_norm": math.nan}, "clip_grad_norm",
     "must be a finite number > 0 (or None for no clipping), got nan"),
    ({"threads": -1}, "threads", "must be an integer >= 0, got -1"),
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


@pytest.mark.parametrize("seed, problem", [(2**31, "must be an integer < 2**31, got 2147483648"),
                                           (-1, "must be an integer >= 0, got -1"),
                                           (True, "must be an integer >= 0, got True")])
def test_a_bad_seed_is_refused_with_the_whole_problem(seed, problem):
    with pytest.raises(ConfigError) as raised:
        check_seed(seed)
    assert (raised.value.field, raised.value.problem) == ("seed", problem)
    assert check_seed(2**31 - 1) == 2**31 - 1


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
def test_a_device_this_machine_lacks_is_refused_with_torchs_reason():
    with pytest.raises(ConfigError) as raised:
        _check_device("cuda")
    assert raised.value.problem == "'cuda' is not usable on this machine (Torch not compiled with CUDA enabled)"


@pytest.mark.parametrize("error, reason", [(RuntimeError("  first line\nsecond line"), "first line"),
                                           (RuntimeError(" "), "RuntimeError"),
                                           (AssertionError(), "AssertionError")])
def test_an_unusable_device_is_reported_by_the_first_line_of_the_error(monkeypatch, error, reason):
    def refuse(*args, **kwargs):
        raise error

    monkeypatch.setattr(torch, "empty", refuse)
    with pytest.raises(ConfigError) as raised:
        _check_device("cpu")
    assert (raised.value.field, raised.value.problem) == ("device", f"'cpu' is not usable on this machine ({reason})")


def test_a_usable_device_is_returned_in_torchs_spelling():
    assert _check_device(torch.device("cpu", 0)) == "cpu:0"
    assert _check_device("cpu") == "cpu"


def test_the_cpu_name_is_the_whole_model_name_or_the_platforms(monkeypatch, tmp_path):
    import pathlib
    import platform

    real_read_text = pathlib.Path.read_text
    cpuinfo = {"text": "processor\t: 0\nmodel name\t: Acme CPU @ 2.20GHz : rev 2 \nmodel name\t: other\n"}

    def read_text(self, *args, **kwargs):
        if str(self) == "/proc/cpuinfo":
            if cpuinfo["text"] is None:
                raise FileNotFoundError(self)
            return cpuinfo["text"]
        return real_read_text(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "read_text", read_text)
    monkeypatch.setattr(platform, "processor", lambda: "x86_64")
    assert _cpu_name() == "Acme CPU @ 2.20GHz : rev 2"  # everything after the first colon
    cpuinfo["text"] = "processor\t: 0\n"
    assert _cpu_name() == "x86_64"
    cpuinfo["text"] = None
    assert _cpu_name() == "x86_64"
    monkeypatch.setattr(platform, "processor", lambda: "")
    assert _cpu_name() == "unknown"


class _RecordingBar:
    """Stands in for tqdm in rmc_ref.train: records how the progress bar is made and updated."""

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
    import rmc_ref.train as train_module

    monkeypatch.setattr(train_module, "tqdm", _RecordingBar)
    _RecordingBar.made = []
    config = dataclasses.replace(SHORT, steps=25, eval_every=10)
    _, history = train_one("rmc", make_task(config), config, seed=3, quiet=False)
    (bar,) = _RecordingBar.made
    assert list(bar.iterable) == list(range(1, 26)) and bar.closed
    # labelled by model and seed, on stderr, as wide as the terminal, gone when the run ends
    assert bar.options == {"desc": "rmc seed 3", "disable": False, "file": sys.stderr, "dynamic_ncols": True,
                           "leave": False}
    # every 10 steps and at the last: the mean since the last evaluation, as recorded in the history
    assert history["step"] == [10, 20, 25]
    assert bar.postfixes == [{"loss": f"{loss:.3f}", "acc": f"{acc:.3f}", "refresh": False}
                             for loss, acc in zip(history["train_loss"], history["train_acc"])]


def test_train_one_is_quiet_unless_asked(capsys):
    task = make_task(SHORT)
    train_one("rmc", task, SHORT)
    assert capsys.readouterr().err == ""
    train_one("rmc", task, SHORT, seed=4, quiet=False)
    assert "rmc seed 4" in capsys.readouterr().err  # drawn on stderr even when it is not a terminal


def test_cli_reports_a_value_error_while_setting_up_in_one_line(monkeypatch, capsys, tmp_path):
    import rmc_ref.train as train_module

    def broken_task(config):
        raise ValueError("the task cannot be made:\n  because")

    monkeypatch.setattr(train_module, "make_task", broken_task)
    assert main(["--steps", "2", "--out-dir", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == "error: the task cannot be made: because\n"
    assert not (tmp_path / "out").exists()


def test_cli_trains_with_the_thread_count_asked_for_and_restores_it(monkeypatch, tmp_path):
    import rmc_ref.train as train_module

    seen = []
    monkeypatch.setattr(train_module, "_run", lambda *args: seen.append(torch.get_num_threads()) or 0)
    before = torch.get_num_threads()
    asked = 3 if before != 3 else 2
    assert main(["--steps", "2", "--threads", str(asked), "--out-dir", str(tmp_path)]) == 0
    assert seen == [asked] and torch.get_num_threads() == before


def test_a_config_error_survives_pickling_with_its_field_and_problem():
    import pickle

    copy = pickle.loads(pickle.dumps(ConfigError("clip_grad_norm", "must be a finite number > 0, got -1.0")))
    assert type(copy) is ConfigError
    assert (copy.field, copy.problem, copy.option) == ("clip_grad_norm", "must be a finite number > 0, got -1.0",
                                                       "--clip-grad-norm")
    assert str(copy) == "clip_grad_norm must be a finite number > 0, got -1.0"
