"""The training command line (rmc_ref.train.cli): its options, its output as reviewed
(tests/golden/train_cli.json), its errors, and the files it writes.

Tiny models and a handful of steps: the whole file runs in well under a minute on 2 CPU cores.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import cli_transcript
import pytest
import torch

from rmc_ref.train import (
    TrainConfig,
    build_model,
    build_parser,
    config_from_args,
    evaluate,
    load_checkpoint,
    main,
    make_task,
    make_test_set,
    save_attention_plot,
    train_one,
)

REPO = Path(__file__).resolve().parents[1]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

TINY_ARGS = [
    "--steps",
    "6",
    "--batch-size",
    "8",
    "--eval-every",
    "3",
    "--test-size",
    "32",
    "--mem-slots",
    "2",
    "--head-size",
    "4",
    "--num-heads",
    "2",
    "--num-features",
    "4",
    "--num-objects",
    "4",
    "--head-hidden",
    "16",
    "--quiet",
    "--threads",
    "1",
]  # tiny matrices: one thread is fastest and immune to oversubscription
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
    code = main(
        [*TINY_ARGS, "--model", "both", "--seed", "0", "--out-dir", str(out), "--save-plot", str(plot), "--visualize"]
    )
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


def test_same_seed_same_history_different_seed_different(tmp_path):
    def run(seed: int, name: str) -> dict:
        out = tmp_path / name
        assert main([*TINY_ARGS, "--model", "rmc", "--seed", str(seed), "--out-dir", str(out)]) == 0
        return json.loads((out / "history.json").read_text())["rmc"][str(seed)]

    first, again, other = run(0, "a"), run(0, "b"), run(1, "c")
    assert first == again
    assert first["train_loss"] != other["train_loss"]


def test_several_seeds_summary_reports_median_and_range(tmp_path, capsys):
    assert (
        main(
            [
                *TINY_ARGS,
                "--model",
                "lstm",
                "--seeds",
                "0",
                "1",
                "--out-dir",
                str(tmp_path),
                "--save-plot",
                "--visualize",
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "median" in printed and "no attention" in printed
    summary = json.loads((tmp_path / "summary.json").read_text())
    stats = summary["models"]["lstm"]["final_test_acc_summary"]
    finals = sorted(summary["models"]["lstm"]["final_test_acc"].values())
    assert stats["n"] == 2 and stats["min"] == finals[0] and stats["max"] == finals[-1]
    assert {p.name for p in tmp_path.glob("*.pt")} == {"lstm_seed0.pt", "lstm_seed1.pt"}
    assert_png(tmp_path / "learning_curves.png")
    assert not (tmp_path / "attention_rmc.png").exists()


def test_several_seeds_table_prints_median_and_range(tmp_path, capsys):
    argv = [
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
        "2",
        "--batch-size",
        "4",
        "--eval-every",
        "2",
        "--test-size",
        "8",
        "--quiet",
        "--model",
        "lstm",
        "--seeds",
        "0",
        "1",
        "--out-dir",
        str(tmp_path),
    ]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    stats = json.loads((tmp_path / "summary.json").read_text())["models"]["lstm"]["final_test_acc_summary"]
    assert f"{stats['median']:.1%} [{stats['min']:.1%}, {stats['max']:.1%}]" in printed
    assert "median [min, max]" in printed and "one seed only" not in printed


def test_bad_kind_and_bad_arguments():
    with pytest.raises(ValueError, match="kind"):
        build_model("gru", make_task(SHORT), SHORT)
    assert main(["--steps", "0", "--quiet"]) == 2
    with pytest.raises(SystemExit):
        main(["--model", "transformer"])


def test_help_runs_as_module():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run(
        [sys.executable, "-m", "rmc_ref.train", "--help"], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "--model" in result.stdout and "1e-04" in result.stdout  # the paper's learning rate


def test_seed_cheat_sheet_spelling_of_save_plot_still_works():
    """Learners coming from the seed's ``train_minimal.py --save_plot`` get the same option."""
    args = build_parser().parse_args(["--model", "both", "--save_plot", "curves.png", "--visualize"])
    assert args.save_plot == "curves.png" and args.visualize and args.model == "both"


# ---------------------------------------------------------------------------------------------
# every option reaches the config; the output as reviewed


EVERY_OPTION = {  # a non-default value for every option that feeds TrainConfig
    "--num-objects": ("5", "num_objects", 5),
    "--num-features": ("3", "num_features", 3),
    "--mem-slots": ("3", "mem_slots", 3),
    "--head-size": ("6", "head_size", 6),
    "--num-heads": ("2", "num_heads", 2),
    "--num-blocks": ("2", "num_blocks", 2),
    "--gate-style": ("memory", "gate_style", "memory"),
    "--input-mode": ("tile", "input_mode", "tile"),
    "--mlp-layers": ("3", "mlp_layers", 3),
    "--lstm-hidden": ("7", "lstm_hidden", 7),
    "--match": ("core", "match", "core"),
    "--steps": ("9", "steps", 9),
    "--batch-size": ("11", "batch_size", 11),
    "--lr": ("0.02", "lr", 0.02),
    "--clip-grad-norm": ("0.5", "clip_grad_norm", 0.5),
    "--warmup-steps": ("20", "warmup_steps", 20),
    "--curriculum-start": ("3", "curriculum_start", 3),
    "--eval-every": ("4", "eval_every", 4),
    "--test-size": ("13", "test_size", 13),
    "--threads": ("2", "threads", 2),
    "--device": ("cpu", "device", "cpu"),
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
        "both",
        0,
        None,
        "runs",
        None,
        False,
        False,
    )


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


def test_help_does_not_repeat_a_default_the_help_already_states():
    # The help formatter, an internal: no option of the real parser states a default in its help
    # and has one worth showing, so the case is built on a parser of its own.
    from rmc_ref.train.cli import _HelpFormatter

    parser = argparse.ArgumentParser(formatter_class=_HelpFormatter)
    parser.add_argument("--clip", type=float, default=1.5, help="clip norm (default: 1.5, the paper's)")
    parser.add_argument("--steps", type=int, default=7, help="optimiser steps")
    text = " ".join(parser.format_help().split())
    assert "clip norm (default: 1.5, the paper's) --steps" in text  # not "... (default: 1.5)" twice
    assert "optimiser steps (default: 7)" in text


def _environment_of_a_run(tmp_path: Path, name: str, *options: str) -> dict:
    """The "environment" entry of summary.json after a tiny run of the LSTM."""
    out = tmp_path / name
    assert main([*SMALL_CLI, "--model", "lstm", "--steps", "1", "--out-dir", str(out), *options]) == 0
    return json.loads((out / "summary.json").read_text())["environment"]


def test_environment_names_threads_device_and_machine(tmp_path):
    previous = torch.get_num_threads()
    try:
        torch.set_num_threads(2)
        assert _environment_of_a_run(tmp_path, "three", "--threads", "3") == cli_transcript.expected_environment(3)
        assert _environment_of_a_run(tmp_path, "zero", "--threads", "0")["threads"] == 2  # 0: torch's own count
    finally:
        torch.set_num_threads(previous)
    assert cli_transcript.expected_environment(1)["processor"] != "unknown"


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

    def processor_of_a_run(name: str) -> str:
        return _environment_of_a_run(tmp_path, name, "--threads", "1")["processor"]

    monkeypatch.setattr(pathlib.Path, "read_text", read_text)
    monkeypatch.setattr(platform, "processor", lambda: "x86_64")
    assert processor_of_a_run("acme") == "Acme CPU @ 2.20GHz : rev 2"  # everything after the first colon
    cpuinfo["text"] = "processor\t: 0\n"
    assert processor_of_a_run("no_name") == "x86_64"
    cpuinfo["text"] = None
    assert processor_of_a_run("no_file") == "x86_64"
    monkeypatch.setattr(platform, "processor", lambda: "")
    assert processor_of_a_run("nothing") == "unknown"


# ---------------------------------------------------------------------------------------------
# the files it writes: strict, indented JSON; the attention plot


def test_summary_json_is_strict_json(tmp_path):
    assert main([*SMALL_CLI, "--model", "lstm", "--out-dir", str(tmp_path)]) == 0

    def refuse(token):
        raise ValueError(f"non-standard JSON token {token}")

    for name in ("summary.json", "history.json"):
        json.loads((tmp_path / name).read_text(), parse_constant=refuse)
    from rmc_ref.train.cli import _write_json  # an internal: see test_json_files_are_indented_and_strict

    with pytest.raises(ValueError):  # a NaN that slipped through would stop the writer, not the reader
        _write_json(tmp_path / "nan.json", {"acc": float("nan")})
    assert not (tmp_path / "nan.json").exists()


def test_json_files_are_indented_and_strict(tmp_path):
    # The CLI's own JSON writer, an internal: a NaN never reaches it through the command line (a
    # non-finite loss stops the run before anything is written), so only a direct call shows that
    # it refuses one rather than writing an invalid token.
    from rmc_ref.train.cli import _write_json

    _write_json(tmp_path / "a.json", {"acc": [0.5, 1], "name": "rmc"})
    assert (tmp_path / "a.json").read_text() == '{\n  "acc": [\n    0.5,\n    1\n  ],\n  "name": "rmc"\n}\n'
    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        _write_json(tmp_path / "b.json", {"loss": float("nan")})


def test_save_attention_plot_draws_the_asked_example(tmp_path, monkeypatch):
    """What save_attention_plot hands to plot_attention_over_time, and the PNG it writes (110 dpi,
    into a folder it creates)."""
    import struct

    from rmc_ref import viz

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
            logits, attention = model(inputs[index : index + 1], return_attention=True)  # [1, C], [1, T, ...]
        torch.testing.assert_close(weights, attention[0])
        ids = task.decode(inputs[index : index + 1]).object_ids[0].tolist()
        assert options == {
            "block": 0,
            "step_labels": [f"t={t}: obj {o}" for t, o in enumerate(ids)],
            "input_row": kwargs.get("input_row", True),
            "title": "RMC attention per head over one test sequence (block 0)\n"
            f"{task.describe(inputs, labels, index)}; the model says {int(logits.argmax(-1)[0])}",
        }
        width, height = struct.unpack(">II", path.read_bytes()[16:24])  # PNG header
        figure = real(attention[0], **options)
        assert (width, height) == tuple(round(v * 110) for v in figure.get_size_inches())


# ---------------------------------------------------------------------------------------------
# errors: one line naming the option, exit 2, no files; a diverging run exits 1


def test_cli_errors_are_one_whole_line(capsys):
    assert main(["--steps", "0", "--quiet"]) == 2
    assert capsys.readouterr().err == "error: --steps must be an integer >= 1, got 0\n"
    with pytest.raises(SystemExit) as exit_:
        main(["--model", "transformer"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("python -m rmc_ref.train: error: argument --model: invalid choice: 'transformer'")
    assert err.count("\n") == 1


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
    result = subprocess.run(
        [sys.executable, "-m", "rmc_ref.train", "--clip-grad-norm", "-1"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: --clip-grad-norm must be a finite number > 0 (or None for no clipping), got -1.0"
    ]
    assert list(tmp_path.iterdir()) == []


def test_diverging_cli_run_exits_non_zero_and_writes_no_summary(tmp_path, capsys):
    out = tmp_path / "run"
    code = main([*SMALL_CLI, "--model", "rmc", "--lr", "1e30", "--out-dir", str(out)])
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert len(err.splitlines()) == 1 and "diverged" in err and "--lr" not in err.split("diverged")[0]
    assert not (out / "summary.json").exists()


def test_cli_reports_a_value_error_while_setting_up_in_one_line(monkeypatch, capsys, tmp_path):
    # make_task as the command line module sees it, replaced: every public path to a ValueError in
    # the set-up is a ConfigError, which is reported by option instead
    import rmc_ref.train.cli as cli_module

    def broken_task(config):
        raise ValueError("the task cannot be made:\n  because")

    monkeypatch.setattr(cli_module, "make_task", broken_task)
    assert main(["--steps", "2", "--out-dir", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == "error: the task cannot be made: because\n"
    assert not (tmp_path / "out").exists()


def test_cli_trains_with_the_thread_count_asked_for_and_restores_it(monkeypatch, tmp_path):
    # _run, the command line's internal loop over seeds and models, replaced by a probe of the
    # thread count it runs with (no training needed)
    import rmc_ref.train.cli as cli_module

    seen = []
    monkeypatch.setattr(cli_module, "_run", lambda *args: seen.append(torch.get_num_threads()) or 0)
    before = torch.get_num_threads()
    asked = 3 if before != 3 else 2
    assert main(["--steps", "2", "--threads", str(asked), "--out-dir", str(tmp_path)]) == 0
    assert seen == [asked] and torch.get_num_threads() == before
