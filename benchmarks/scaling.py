"""How cost grows with memory slots, heads and sequence length: RMC, LSTM and a transformer.

    python benchmarks/scaling.py                 # writes rmc_course/assets/scaling/scaling.{json,png}
    python benchmarks/scaling.py --quick --out runs/scaling   # a fast smoke run elsewhere

Three sweeps around one base configuration (config A of ``bench_core.py``: 8 slots, 8 heads of
size 32, input 40; here with batch 8 and 32 steps), one variable at a time:

* ``slots``   mem_slots N in 1 .. 64   (the LSTM and the transformer have no slots: flat lines)
* ``heads``   num_heads H in 1 .. 16 at head size 32, so the width F = 32 H grows with H; the
              LSTM is re-matched to the RMC's parameter count, the transformer uses width F, H heads
* ``seq_len`` T in 8 .. 512

Three models, all fed the same [B, T, input] batch:

* ``rmc``          ``rmc_ref.RelationalMemory.unroll`` (one block, unit gates, 2-layer MLP);
* ``lstm``         ``rmc_ref.matched_lstm_hidden_size`` of that RMC (same parameter count, torch's nn.LSTM);
* ``transformer``  :class:`HistoryTransformer`: input Linear to width F, then one causal
                   ``torch.nn.TransformerEncoderLayer`` (H heads, feed-forward width F, like the
                   RMC's MLP) in which step t attends over ALL steps 0..t of the history.

Two modes: ``train`` (forward + backward of ``outputs.sum()``) and ``forward`` (no autograd).
Time: CPU seconds of this process per call on the whole batch (``time.process_time``: time
spent waiting for a core shared with other jobs is not counted; with one torch thread that is
the arithmetic's own time), median of ``--repeats`` calls, the three models interleaved
(A B C A B C); the median wall-clock time is kept too. Peak memory: the most
bytes of tensors allocated during one call and alive at the same moment (activations, saved
tensors, gradients, temporaries; traced op by op, see :class:`TensorMemory`, so it is exact and
the same on every machine). One torch thread throughout.

Each curve gets a fitted complexity exponent: the slope of log(cost) against log(swept value),
least squares over all points (``exponent``) and over the last three (``exponent_tail``, the
regime the asymptotic O(.) describes). Time fits use each point's fastest call (``time_min_s``),
the one least disturbed by other processes on a shared machine. See rmc_course/assets/README.md for the JSON schema and
``rmc_course.shipped.scaling_rows`` for the loader.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import statistics
import sys
import time
import weakref
from pathlib import Path

import torch
from torch import nn
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_leaves

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rmc_ref import RelationalMemory  # noqa: E402
from rmc_ref.baselines import LSTMBaseline, count_parameters, matched_lstm_hidden_size  # noqa: E402

SCHEMA_VERSION = 1
BASE = dict(mem_slots=8, num_heads=8, head_size=32, input_size=40, seq_len=32, batch=8)
SWEEPS = {
    "slots": [1, 2, 4, 8, 16, 32, 64],
    "heads": [1, 2, 4, 8, 16],
    "seq_len": [8, 16, 32, 64, 128, 256, 512],
}
QUICK_SWEEPS = {"slots": [2, 4, 8], "heads": [1, 2, 4], "seq_len": [4, 8, 16]}
SWEEP_KEYS = {"slots": "mem_slots", "heads": "num_heads", "seq_len": "seq_len"}
MODELS = ("rmc", "lstm", "transformer")
MODES = ("train", "forward")


class HistoryTransformer(nn.Module):
    """x [B, T, input] -> [B, T, F]: a one-layer causal transformer over the whole history.

    Width F = num_heads * head_size (as the RMC's memory slots), H heads, feed-forward width F,
    no dropout. Positional encodings are left out: they cost O(T F), nothing next to the rest.
    """

    def __init__(self, input_size: int, num_heads: int, head_size: int):
        super().__init__()
        width = num_heads * head_size
        self.input_projection = nn.Linear(input_size, width)
        self.layer = nn.TransformerEncoderLayer(width, num_heads, dim_feedforward=width, dropout=0.0, batch_first=True)

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        steps = inputs.shape[1]
        mask = nn.Transformer.generate_square_subsequent_mask(steps, dtype=inputs.dtype)  # [T, T]
        rows = self.input_projection(inputs)  # [B, T, F]
        return self.layer(rows, src_mask=mask, is_causal=True)  # [B, T, F]


# ------------------------------------------------------------------------------------------
# Analytic forward FLOPs per sequence (2 per multiply-add, matrix multiplies only)
# ------------------------------------------------------------------------------------------
def rmc_flops(mem_slots, num_heads, head_size, input_size, seq_len) -> int:
    f, rows = num_heads * head_size, mem_slots + 1
    per_step = (
        2 * input_size * f
        + 2 * rows * f * 3 * f
        + 4 * num_heads * rows * rows * head_size
        + 2 * 2 * rows * f * f
        + 2 * f * 2 * f
        + 2 * mem_slots * f * 2 * f
    )
    return seq_len * per_step


def lstm_flops(hidden, input_size, seq_len) -> int:
    return seq_len * 2 * 4 * hidden * (input_size + hidden)


def transformer_flops(num_heads, head_size, input_size, seq_len) -> int:
    f, t = num_heads * head_size, seq_len
    # input Linear, q/k/v/out projections, feed-forward F->F->F, then scores and values over the
    # causal half of the T x T pairs (torch's FLOP counter's convention for is_causal attention)
    return 2 * t * input_size * f + 2 * t * 4 * f * f + 2 * t * 2 * f * f + 2 * t * t * f


# ------------------------------------------------------------------------------------------
# Measurement
# ------------------------------------------------------------------------------------------
class TensorMemory(TorchDispatchMode):
    """Peak bytes of tensor storage allocated inside the ``with`` block and alive at once.

    Every operation's outputs pass through ``__torch_dispatch__`` (the backward pass too); an
    output whose storage is not one of its inputs' is a new allocation, counted until its storage
    dies (storages keep their Python object while alive, so a weakref finalizer sees the free,
    even for tensors autograd saved). Weights and inputs made before the block are not counted;
    kernels' private scratch buffers are not seen. Deterministic: no allocator or OS noise.
    """

    def __init__(self):
        super().__init__()
        self.live = self.peak = 0
        self._tracked: set[int] = set()

    def _free(self, key: int, nbytes: int) -> None:
        self._tracked.discard(key)
        self.live -= nbytes

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        inputs = {
            t.untyped_storage().data_ptr()
            for t in tree_leaves((args, kwargs))
            if isinstance(t, torch.Tensor) and t.layout == torch.strided
        }
        for tensor in tree_leaves(out):
            if not isinstance(tensor, torch.Tensor) or tensor.layout != torch.strided:
                continue
            storage = tensor.untyped_storage()
            key = id(storage)
            if key in self._tracked or storage.data_ptr() in inputs or storage.nbytes() == 0:
                continue
            self._tracked.add(key)
            self.live += storage.nbytes()
            self.peak = max(self.peak, self.live)
            weakref.finalize(storage, self._free, key, storage.nbytes())
        return out


def peak_tensor_bytes(fn) -> int:
    """Peak bytes of tensors allocated by ``fn()`` and alive at the same time (see TensorMemory)."""
    gc.collect()
    with TensorMemory() as tracker:
        fn()
    gc.collect()
    return tracker.peak


def build(model: str, point: dict) -> nn.Module:
    torch.manual_seed(0)
    core = RelationalMemory(point["input_size"], point["mem_slots"], point["head_size"], point["num_heads"])
    if model == "rmc":
        return core
    if model == "lstm":
        return LSTMBaseline(core.input_size, matched_lstm_hidden_size(core))
    return HistoryTransformer(point["input_size"], point["num_heads"], point["head_size"])


def runner(model: str, module: nn.Module, x: torch.Tensor, mode: str):
    if model == "transformer":

        def run():
            return module(x)
    else:

        def run():
            return module.unroll(x)[0]

    if mode == "forward":

        def call():
            with torch.no_grad():
                run()
    else:
        params = list(module.parameters())

        def call():
            for p in params:
                p.grad = None
            run().sum().backward()
            for p in params:
                p.grad = None

    return call


def analytic(model: str, module: nn.Module, point: dict) -> tuple[int, int]:
    """(forward FLOPs per sequence, floats a model must keep to take the next step)."""
    t = point["seq_len"]
    if model == "rmc":
        f = point["num_heads"] * point["head_size"]
        return (
            rmc_flops(point["mem_slots"], point["num_heads"], point["head_size"], point["input_size"], t),
            point["mem_slots"] * f,
        )
    if model == "lstm":
        return lstm_flops(module.hidden_size, point["input_size"], t), 2 * module.hidden_size
    f = point["num_heads"] * point["head_size"]
    return transformer_flops(point["num_heads"], point["head_size"], point["input_size"], t), 2 * t * f


def fit_exponent(values, costs) -> float | None:
    """Least-squares slope of log(cost) against log(value); None when it is not defined."""
    pairs = [(math.log(v), math.log(c)) for v, c in zip(values, costs) if v > 0 and c and c > 0]
    if len(pairs) < 2:
        return None
    mx = statistics.fmean(p[0] for p in pairs)
    my = statistics.fmean(p[1] for p in pairs)
    sxx = sum((p[0] - mx) ** 2 for p in pairs)
    if sxx == 0:
        return None
    return sum((p[0] - mx) * (p[1] - my) for p in pairs) / sxx


def measure(sweeps: dict, base: dict, repeats: int, log=print) -> list[dict]:
    rows = []
    for sweep, values in sweeps.items():
        key = SWEEP_KEYS[sweep]
        for value in values:
            point = dict(base, **{key: value})
            x = torch.randn(
                point["batch"], point["seq_len"], point["input_size"], generator=torch.Generator().manual_seed(1)
            )
            modules = {m: build(m, point) for m in MODELS}
            for mode in MODES:
                calls = {m: runner(m, modules[m], x, mode) for m in MODELS}
                peaks = {}
                for m, call in calls.items():
                    call()  # warm-up (first-call allocations, lazy initialisation)
                    peaks[m] = peak_tensor_bytes(call)
                times = {m: [] for m in MODELS}
                walls = {m: [] for m in MODELS}
                for _ in range(repeats):
                    for m, call in calls.items():
                        start, start_wall = time.process_time(), time.perf_counter()
                        call()
                        times[m].append(time.process_time() - start)
                        walls[m].append(time.perf_counter() - start_wall)
                for m in MODELS:
                    flops, state_floats = analytic(m, modules[m], point)
                    row = {
                        "sweep": sweep,
                        "value": value,
                        "model": m,
                        "mode": mode,
                        "time_s": statistics.median(times[m]),
                        "time_min_s": min(times[m]),
                        "time_max_s": max(times[m]),
                        "wall_s": statistics.median(walls[m]),
                        "peak_bytes": peaks[m],
                        "flops": flops * (3 if mode == "train" else 1),
                        "state_floats": state_floats,
                        "parameters": count_parameters(modules[m]),
                        **{
                            k: point[k]
                            for k in ("mem_slots", "num_heads", "head_size", "input_size", "seq_len", "batch")
                        },
                    }
                    rows.append(row)
                    log(
                        f"{sweep:>7}={value:<4} {mode:>7} {m:>11}  {row['time_s'] * 1e3:9.2f} ms  "
                        f"{row['peak_bytes'] / 2**20:8.2f} MiB",
                        flush=True,
                    )
    return rows


def fits(rows: list[dict]) -> list[dict]:
    out = []
    for sweep in dict.fromkeys(r["sweep"] for r in rows):
        for model in MODELS:
            for mode in MODES:
                curve = sorted(
                    (r for r in rows if (r["sweep"], r["model"], r["mode"]) == (sweep, model, mode)),
                    key=lambda r: r["value"],
                )
                if not curve:
                    continue
                values = [r["value"] for r in curve]
                for quantity, field in (("time", "time_min_s"), ("memory", "peak_bytes")):
                    costs = [r[field] for r in curve]
                    out.append(
                        {
                            "sweep": sweep,
                            "model": model,
                            "mode": mode,
                            "quantity": quantity,
                            "exponent": fit_exponent(values, costs),
                            "exponent_tail": fit_exponent(values[-3:], costs[-3:]),
                        }
                    )
    return out


def figure(rows: list[dict], fit_rows: list[dict], mode: str = "train"):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sweeps = list(dict.fromkeys(r["sweep"] for r in rows))
    labels = {"slots": "memory slots N", "heads": "heads H (width F = 32 H)", "seq_len": "sequence length T"}
    fig, axes = plt.subplots(2, len(sweeps), figsize=(4.2 * len(sweeps), 7), squeeze=False)
    for col, sweep in enumerate(sweeps):
        for model, colour in zip(MODELS, ("tab:red", "tab:blue", "tab:green")):
            curve = sorted(
                (r for r in rows if (r["sweep"], r["model"], r["mode"]) == (sweep, model, mode)),
                key=lambda r: r["value"],
            )
            if not curve:
                continue
            xs = [r["value"] for r in curve]
            for row_index, (quantity, field, scale) in enumerate(
                (("time", "time_s", 1e3), ("memory", "peak_bytes", 2.0**-20))
            ):
                fit = next(
                    f
                    for f in fit_rows
                    if (f["sweep"], f["model"], f["mode"], f["quantity"]) == (sweep, model, mode, quantity)
                )
                tail = fit["exponent_tail"]
                label = f"{model} (tail slope {tail:.2f})" if tail is not None else model
                ys = [max(r[field] * scale, 1e-3) for r in curve]
                axes[row_index, col].plot(xs, ys, "o-", color=colour, label=label)
                axes[row_index, col].set_xscale("log", base=2)
                axes[row_index, col].set_yscale("log")
        axes[0, col].set_title(f"{mode}: cost against {sweep}")
        axes[0, col].set_ylabel(f"CPU time per batch of {rows[0]['batch']} (ms)")
        axes[1, col].set_ylabel("peak tensor memory (MiB)")
        for row_index in range(2):
            axes[row_index, col].set_xlabel(labels.get(sweep, sweep))
            axes[row_index, col].legend(fontsize=8)
            axes[row_index, col].grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    return fig


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=REPO / "rmc_course" / "assets" / "scaling",
        help="folder for scaling.json and scaling.png",
    )
    parser.add_argument("--repeats", type=int, default=3, help="timed calls per point and model")
    parser.add_argument("--quick", action="store_true", help="tiny sweeps, for a smoke test")
    parser.add_argument(
        "--refit", action="store_true", help="measure nothing: recompute the fits and the figure from OUT/scaling.json"
    )
    args = parser.parse_args(argv)
    if args.refit:
        path = args.out / "scaling.json"
        result = json.loads(path.read_text())
        result["fits"] = fits(result["rows"])
        for row in result["rows"]:
            if row["model"] == "transformer":
                flops = transformer_flops(row["num_heads"], row["head_size"], row["input_size"], row["seq_len"])
                row["flops"] = flops * (3 if row["mode"] == "train" else 1)
        path.write_text(json.dumps(result, indent=1) + "\n")
        figure(result["rows"], result["fits"]).savefig(args.out / "scaling.png", dpi=90)
        print(f"refitted {path} and scaling.png")
        return 0

    torch.set_num_threads(1)
    sweeps = QUICK_SWEEPS if args.quick else SWEEPS
    base = dict(BASE, seq_len=8, batch=2) if args.quick else BASE
    started = time.perf_counter()
    rows = measure(sweeps, base, args.repeats)
    fit_rows = fits(rows)
    result = {
        "schema_version": SCHEMA_VERSION,
        "made_by": "python benchmarks/scaling.py" + (" --quick" if args.quick else ""),
        "torch": torch.__version__,
        "threads": 1,
        "repeats": args.repeats,
        "seconds_to_measure": round(time.perf_counter() - started, 1),
        "base": base,
        "sweeps": sweeps,
        "models": list(MODELS),
        "modes": list(MODES),
        "rows": rows,
        "fits": fit_rows,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scaling.json").write_text(json.dumps(result, indent=1) + "\n")
    figure(rows, fit_rows).savefig(args.out / "scaling.png", dpi=90)
    print("\nfitted exponents (train mode; all points / last three):")
    for f in fit_rows:
        if f["mode"] == "train":
            fmt = lambda e: "-" if e is None else f"{e:5.2f}"  # noqa: E731
            print(
                f"  {f['sweep']:>7} {f['model']:>11} {f['quantity']:>6}: {fmt(f['exponent'])} / "
                f"{fmt(f['exponent_tail'])}"
            )
    print(f"wrote {args.out / 'scaling.json'} and scaling.png in {result['seconds_to_measure']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
