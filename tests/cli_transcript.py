"""What `python -m rmc_ref.train` prints and writes, as plain data, and the reviewed copy of it.

``transcript(case, out_dir)`` runs ``rmc_ref.train.main`` in this process on one of ``CASES``
(tiny models, a few steps, one thread) and returns everything a user gets: the exit code, stdout
line by line, the files written, summary.json, history.json and what each checkpoint reloads as.
The parts that change from run to run are checked on the spot and then replaced by a placeholder:
the output folder (``<out>``), the training times (numbers >= 0 with at most 2 decimals, none longer
than the whole run: ``<s>``) and the machine in summary.json (checked against the machine this
runs on: ``<environment>``). Floats are rounded to 6 significant digits. Progress bars go to
stderr and are not part of it.

``tests/golden/train_cli.json`` holds the transcripts as reviewed; tests/test_train_cli.py
compares them. After a deliberate change to the command line's output, read the new transcript,
then rewrite the file:

    .venv/bin/python tests/cli_transcript.py --write
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import platform
import re
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import torch

GOLDEN = Path(__file__).resolve().parent / "golden" / "train_cli.json"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

TINY = [
    "--steps",
    "4",
    "--batch-size",
    "8",
    "--eval-every",
    "2",
    "--test-size",
    "16",
    "--mem-slots",
    "2",
    "--head-size",
    "4",
    "--num-heads",
    "2",
    "--num-features",
    "3",
    "--num-objects",
    "4",
    "--head-hidden",
    "8",
]

# name -> the arguments after TINY (--out-dir is added); each case reaches other branches
CASES: dict[str, list[str]] = {
    # both models, two seeds (median and range), the default learning-curve path, attention
    "both_two_seeds": ["--model", "both", "--seeds", "0", "1", "--threads", "1", "--save-plot", "--visualize"],
    # the LSTM alone with its size given: no matching line, 'explicit lstm_hidden', --visualize
    # without an RMC, one seed, 0 threads = torch's own count, a 2-layer RMC MLP not used
    "lstm_explicit": ["--model", "lstm", "--lstm-hidden", "5", "--threads", "0", "--seed", "3", "--visualize"],
    # LSTM matched to the RMC core; gates on memory, tile input, 2 blocks; a plot path of its own (in
    # folders to make), attention maps without an input row
    "match_core": [
        "--model",
        "both",
        "--match",
        "core",
        "--gate-style",
        "memory",
        "--input-mode",
        "tile",
        "--num-blocks",
        "2",
        "--clip-grad-norm",
        "0.5",
        "--lr",
        "0.003",
        "--seed",
        "2",
        "--threads",
        "1",
        "--save-plot",
        "<out>/plots/new/curves.png",
        "--visualize",
    ],
    # quiet: no header, no per-evaluation log; the table still comes
    "rmc_quiet": [
        "--model",
        "rmc",
        "--quiet",
        "--seeds",
        "4",
        "5",
        "4",
        "--threads",
        "1",
        "--gate-style",
        "none",
        "--mlp-layers",
        "1",
        "--head-hidden",
    ],
    # --distributed in a process group of one (the environment torchrun would set): trains as one
    # process, no "distributed" entry in summary.json (that needs 2 processes: tests/test_distributed.py)
    "distributed_one_process": ["--model", "rmc", "--distributed", "--threads", "1", "--seed", "6"],
    # --distributed without torchrun: one line naming the command to use, exit 2, no files
    "distributed_without_torchrun": ["--model", "rmc", "--distributed"],
    # a bad value: one line naming the option, exit 2, no files
    "bad_value": ["--model", "lstm", "--lr", "nan"],
    # a diverging run: exit 1, the step and the hint, no summary
    "diverges": ["--model", "rmc", "--lr", "1e30", "--quiet", "--threads", "1"],
}

# environment variables set for a case (and removed again); <port> becomes a free TCP port
TORCHRUN_VARIABLES = ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT")
ENVIRONMENT: dict[str, dict[str, str | None]] = {
    "distributed_one_process": {
        "RANK": "0",
        "WORLD_SIZE": "1",
        "LOCAL_RANK": "0",
        "MASTER_ADDR": "127.0.0.1",
        "MASTER_PORT": "<port>",
    },
    "distributed_without_torchrun": dict.fromkeys(TORCHRUN_VARIABLES),
}
HELP_COLUMNS = "100"  # argparse wraps --help to $COLUMNS


def _free_port() -> str:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])


@contextlib.contextmanager
def _environment_variables(values: dict[str, str | None]):
    saved = {name: os.environ.get(name) for name in values}
    try:
        for name, value in values.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = _free_port() if value == "<port>" else value
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def help_text() -> list[str]:
    """``python -m rmc_ref.train --help`` at a fixed width, line by line."""
    from rmc_ref.train import build_parser

    with _environment_variables({"COLUMNS": HELP_COLUMNS}):
        return build_parser().format_help().splitlines()


def _num(value):
    if isinstance(value, bool) or not isinstance(value, float):
        return value
    if math.isnan(value) or math.isinf(value):
        return repr(value)
    return float(f"{value:.6g}")


def _plain(data):
    """Floats rounded to 6 significant digits, recursively."""
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [_plain(value) for value in data]
    return _num(data)


def cpu_name() -> str:
    """The processor's name as /proc/cpuinfo gives it (independent of rmc_ref.train's own reader)."""
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            names = [line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")]
    except OSError:
        names = []
    return names[0] if names else (platform.processor() or "unknown")


def expected_environment(threads: int, device: str = "cpu") -> dict:
    return {
        "threads": threads or torch.get_num_threads(),
        "device": device,
        "cpu_count": os.cpu_count(),
        "machine": platform.machine(),
        "processor": cpu_name(),
        "python": platform.python_version(),
        "torch": torch.__version__,
    }


def _seconds(value, longest: float, where: str):
    assert isinstance(value, float), f"{where}: {value!r} is not a float"
    assert 0 <= value <= longest + 0.01, f"{where}: {value} s, but the whole run took {longest:.2f} s"
    assert round(value, 2) == value, f"{where}: {value} has more than 2 decimals"
    return "<s>"


def transcript(case: str, out_dir: Path) -> dict:
    import rmc_ref.train.cli as cli_module  # its save_attention_plot, as the command line calls it
    import rmc_ref.viz as viz_module
    from rmc_ref.train import load_checkpoint, main

    out_dir = Path(out_dir) / "new" / "run"  # folders the run has to make
    assert not out_dir.exists(), out_dir
    out = str(out_dir)

    def local(text: str) -> str:
        return text.replace(out, "<out>")

    argv = [arg.replace("<out>", out) for arg in TINY + CASES[case]] + ["--out-dir", out]
    stdout, stderr = io.StringIO(), io.StringIO()
    drawn: list[dict] = []  # what each figure was asked to show
    draw_curves, draw_attention = viz_module.plot_learning_curves, cli_module.save_attention_plot

    def curves(series, **options):
        drawn.append(
            {"figure": "plot_learning_curves", "series": {name: len(runs) for name, runs in series.items()}, **options}
        )
        return draw_curves(series, **options)

    def attention(model, task, test_set, path, **options):
        drawn.append(
            {
                "figure": "save_attention_plot",
                "model": type(model.core).__name__,
                "test_inputs": list(test_set[0].shape),
                "path": local(str(path)),
                **options,
            }
        )
        return draw_attention(model, task, test_set, path, **options)

    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # what '--threads 0' reports, here and in the reviewed copy
    viz_module.plot_learning_curves, cli_module.save_attention_plot = curves, attention
    started = time.perf_counter()
    try:
        with (
            contextlib.redirect_stdout(stdout),
            contextlib.redirect_stderr(stderr),
            _environment_variables(ENVIRONMENT.get(case, {})),
        ):
            code = main(argv)
    finally:
        wall = time.perf_counter() - started
        torch.set_num_threads(threads)
        viz_module.plot_learning_curves, cli_module.save_attention_plot = draw_curves, draw_attention

    lines = [
        re.sub(r"\((\d+) s of training\)", "(<s> s of training)", local(line))
        for line in stdout.getvalue().splitlines()
    ]
    record: dict = {
        "argv": [local(arg) for arg in argv],
        "exit": code,
        "stdout": lines,
        "files": sorted(str(p.relative_to(out_dir)) for p in out_dir.rglob("*") if p.is_file()),
        # the progress bars' labels on stderr (their timings vary, so only the labels)
        "progress_bars": sorted(set(re.findall(r"\b(?:rmc|lstm) seed \d+", stderr.getvalue()))),
        "figures": _plain(drawn),
    }
    if code != 0:
        record["stderr"] = [local(line) for line in stderr.getvalue().splitlines()]
        return record
    assert stderr.getvalue().count("error") == 0, stderr.getvalue()

    summary_text = (out_dir / "summary.json").read_text()
    summary = json.loads(summary_text)
    assert summary_text == json.dumps(summary, indent=2, allow_nan=False) + "\n", "summary.json layout"
    summary["total_train_seconds"] = _seconds(summary["total_train_seconds"], wall, "total_train_seconds")
    for kind, model in summary["models"].items():
        model["train_seconds"] = {
            seed: _seconds(value, wall, f"{kind} train_seconds[{seed}]")
            for seed, value in model["train_seconds"].items()
        }
    threads_asked = summary["config"]["threads"]
    assert summary["environment"] == expected_environment(threads_asked if threads_asked else 1), summary["environment"]
    summary["environment"] = "<environment>"
    record["summary"] = _plain(summary)

    history_text = (out_dir / "history.json").read_text()
    history = json.loads(history_text)
    assert history_text == json.dumps(history, indent=2, allow_nan=False) + "\n", "history.json layout"
    record["history"] = _plain(history)

    checkpoints = {}
    for path in sorted(out_dir.glob("*.pt")):
        model, checkpoint = load_checkpoint(path)
        assert checkpoint["history"] == history[checkpoint["kind"]][str(checkpoint["seed"])], path.name
        checkpoints[path.name] = {
            "kind": checkpoint["kind"],
            "seed": checkpoint["seed"],
            "config": _plain(checkpoint["config"]),
            "rmc_ref_version": checkpoint["rmc_ref_version"],
            "model": type(model.core).__name__,
            "parameters": sum(p.numel() for p in model.parameters()),
            "training": model.training,
        }
    record["checkpoints"] = checkpoints
    record["png_pixels"] = {}
    for name in record["files"]:
        if name.endswith(".png"):
            data = (out_dir / name).read_bytes()
            assert data[:8] == PNG_SIGNATURE, f"{name} is not a PNG"
            # width and height from the IHDR chunk: the figure's size in inches times the dpi
            record["png_pixels"][name] = [int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")]
    return record


def golden() -> dict:
    return json.loads(GOLDEN.read_text())


def differences(expected, actual, where: str = "") -> list[str]:
    """Human-readable differences between two transcripts (empty when they agree)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        found = [f"{where}: missing key {key!r}" for key in expected if key not in actual]
        found += [f"{where}: unexpected key {key!r}" for key in actual if key not in expected]
        for key in expected:
            if key in actual:
                found += differences(expected[key], actual[key], f"{where}.{key}" if where else str(key))
        return found
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{where}: {len(actual)} entries, expected {len(expected)}: {actual!r} vs {expected!r}"]
        found = []
        for index, (e, a) in enumerate(zip(expected, actual)):
            found += differences(e, a, f"{where}[{index}]")
        return found
    if type(expected) is not type(actual) or expected != actual:
        return [f"{where}: {actual!r}, expected {expected!r}"]
    return []


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(__doc__)
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    records = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in CASES:
            records[name] = transcript(name, Path(tmp) / name)
    records["--help"] = help_text()
    GOLDEN.write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} transcripts to {GOLDEN}")
