"""How fast is the RMC core, against a straight eager baseline and against the machine's limit?

    python benchmarks/bench_core.py                       # table on screen
    python benchmarks/bench_core.py --json runs/bench.json --threads 2
    make bench                                            # the same, JSON in runs/bench_core.json

Config A (8 slots, 8 heads, head size 32, input 40, 8 steps, one block, unit gates, 2-layer MLP)
at batch 1, 64, 128 and 1600, forward (no autograd) and forward+backward, in ONE run with the
same number of threads for every row:

* ``matmul``    a large float32 matrix multiply: the machine's arithmetic limit (GFLOP/s);
* ``baseline``  a frozen, straight eager transcription of the equations: the tests' independent
                transcription (``tests/support/reference_transcription.py``), run on the core's weights;
* ``readable``  ``rmc_ref``'s lesson-facing code path (``core.fast_path = False``);
* ``rmc``       ``rmc_ref`` as users call it (``core.unroll``; its fast path when it has one);
* ``lstm``      the parameter-matched LSTM (``rmc_ref.matched_lstm_hidden_size``), torch's fused ``nn.LSTM``;
* ``chain``     the RMC's matrix multiplies alone at their shapes: the ceiling (see below);
* ``compiled``  only with ``--compile``: ``torch.compile`` (inductor) of the fast path, eager if
                compiling fails; the first call (the compilation) is timed and printed apart.

The machine is shared and noisy, so absolute times wander: every group (batch size x mode) is
measured in interleaved rounds (A B C D A B C D ...), and each row's figure is the median over the
rounds. Ratios (speed-up over the baseline, share of the matmul rate) are taken inside a group,
so they hold even when the machine's speed drifts between groups.

FLOPs are analytic, counted from the model's equations (a multiply-add is 2 FLOPs), identical
for baseline, readable and rmc. Counted: the matrix multiplies only, i.e. the input projection,
the qkv projection, the attention scores q kᵀ and the weighted values A v, the MLP's Linear
layers and both gate projections (W_x x̂ and W_m tanh(M)); ``rmc_flops_per_step`` lists them by
part and ``tests/test_benchmarks.py`` checks the total against torch's own FLOP counter. Not
counted (they are O(N F) per example, not O(N F^2)): LayerNorm, softmax, tanh, sigmoid, ReLU,
the residual and bias adds, copies. Forward+backward is counted as 3x forward (the usual
convention: each matrix multiply's backward is two products of the same size, one for the input's
gradient and one for the weight's; the input projection's input x needs no gradient, so this
over-counts that one term, 0.2% of the step, by a third).

"GFLOP/s" means model-FLOPs per second. The fast path (``rmc``) skips work whose result is thrown
away (in the last block the input row's query, its attention and its MLP): it executes
``rmc_executed_flops_per_step`` (3.2% fewer for config A) but is credited with the model's count,
as is usual for model-FLOP utilisation; the script prints both counts.

``chain`` is the ceiling: the same matrix multiplies at the same shapes (every per-step product
of the readable path, with the two backward products of each for forward+backward, the tiny
per-head attention products included), run back to back with nothing else. Its share of the large
matmul's rate is what any implementation built from these PyTorch kernels can reach at most;
LayerNorm, softmax, the gates' elementwise work and autograd's bookkeeping come on top.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

import torch

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from support import reference_transcription as ref  # noqa: E402  (tests/support/reference_transcription.py)

from rmc_ref import RelationalMemory  # noqa: E402
from rmc_ref.baselines import LSTMBaseline, count_parameters, matched_lstm_hidden_size  # noqa: E402

CONFIG_A = dict(
    input_size=40, mem_slots=8, head_size=32, num_heads=8, num_blocks=1, gate_style="unit", attention_mlp_layers=2
)
STEPS = 8
BATCHES = (1, 64, 128, 1600)
MODES = ("fwd", "fwd+bwd")


# ------------------------------------------------------------------------------------------
# Analytic FLOPs
# ------------------------------------------------------------------------------------------
def rmc_flops_per_step(
    input_size: int,
    mem_slots: int,
    head_size: int,
    num_heads: int = 1,
    num_blocks: int = 1,
    gate_style: str | None = "unit",
    attention_mlp_layers: int = 2,
    key_size: int | None = None,
    input_mode: str = "row",
    **_ignored,
) -> dict[str, int]:
    """Forward FLOPs of one step for ONE example, by part (matrix multiplies only: 2 per
    multiply-add; LayerNorm, softmax and the gates' elementwise work are O(N F) and left out)."""
    n, h, dv = mem_slots, num_heads, head_size
    dk = key_size if key_size is not None else head_size
    f = h * dv
    rows = n + 1 if input_mode == "row" else n
    qkv_in = f if input_mode == "row" else 2 * f
    g = {"unit": f, "memory": 1, None: 0}[gate_style]
    parts = {
        "input_projection": 2 * input_size * f,
        "qkv_projection": num_blocks * 2 * rows * qkv_in * h * (2 * dk + dv),
        "attention_scores": num_blocks * 2 * h * rows * rows * dk,
        "attention_values": num_blocks * 2 * h * rows * rows * dv,
        "mlp": num_blocks * attention_mlp_layers * 2 * rows * f * f,
        "gates": (2 * f * 2 * g + 2 * n * f * 2 * g) if g else 0,
    }
    parts["total"] = sum(parts.values())
    return parts


def rmc_executed_flops_per_step(
    input_size: int,
    mem_slots: int,
    head_size: int,
    num_heads: int = 1,
    num_blocks: int = 1,
    gate_style: str | None = "unit",
    attention_mlp_layers: int = 2,
    key_size: int | None = None,
    **_ignored,
) -> int:
    """Forward FLOPs the fast path ('row' mode) really executes per step and example: the model's
    count minus, in the last block, the input row's query scores, weighted values and MLP."""
    parts = rmc_flops_per_step(
        input_size, mem_slots, head_size, num_heads, num_blocks, gate_style, attention_mlp_layers, key_size
    )
    dk = key_size if key_size is not None else head_size
    f = num_heads * head_size
    rows = mem_slots + 1
    skipped = 2 * num_heads * rows * dk + 2 * num_heads * rows * head_size + attention_mlp_layers * 2 * f * f
    return parts["total"] - skipped


def lstm_flops_per_step(input_size: int, hidden_size: int) -> int:
    """One LSTM layer, one example: the four gates' two matrix multiplies."""
    return 2 * 4 * hidden_size * (input_size + hidden_size)


def matmul_flops(n: int) -> int:
    return 2 * n**3


# ------------------------------------------------------------------------------------------
# Timing
# ------------------------------------------------------------------------------------------
def calibrate(fn: Callable[[], None], min_seconds: float) -> int:
    """Calls per sample so that one sample lasts at least ``min_seconds`` (after one warm-up)."""
    fn()
    calls = 1
    while True:
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds or calls >= 1 << 14:
            return calls
        calls = max(calls + 1, int(calls * min(8.0, 1.2 * min_seconds / max(elapsed, 1e-6))))


def interleaved_medians(fns: dict[str, Callable[[], None]], rounds: int, min_seconds: float) -> dict[str, dict]:
    """Seconds per call of each fn, median over ``rounds`` interleaved samples (A B C A B C ...)."""
    calls = {name: calibrate(fn, min_seconds) for name, fn in fns.items()}
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            start = time.perf_counter()
            for _ in range(calls[name]):
                fn()
            samples[name].append((time.perf_counter() - start) / calls[name])
    return {
        name: {
            "median_s": statistics.median(s),
            "min_s": min(s),
            "max_s": max(s),
            "calls_per_sample": calls[name],
            "samples": len(s),
        }
        for name, s in samples.items()
    }


# ------------------------------------------------------------------------------------------
# The candidates
# ------------------------------------------------------------------------------------------
def make_matmul(n: int) -> Callable[[], None]:
    generator = torch.Generator().manual_seed(0)
    a = torch.randn(n, n, generator=generator)
    b = torch.randn(n, n, generator=generator)
    out = torch.empty(n, n)
    return lambda: torch.mm(a, b, out=out)


def make_matmul_chain(
    batch: int,
    mode: str,
    input_size: int,
    mem_slots: int,
    head_size: int,
    num_heads: int = 1,
    num_blocks: int = 1,
    gate_style: str | None = "unit",
    attention_mlp_layers: int = 2,
    key_size: int | None = None,
    **_ignored,
) -> tuple[Callable[[], None], int]:
    """The ceiling: every matrix multiply of ``STEPS`` readable-path steps ('row' mode) at its
    shape, back to back, and nothing else; for 'fwd+bwd' each product is followed by the two
    products of its backward. Returns (the closure, its FLOPs per call)."""
    generator = torch.Generator().manual_seed(2)
    n, h, dv = mem_slots, num_heads, head_size
    dk = key_size if key_size is not None else head_size
    f, rows = h * dv, mem_slots + 1
    g = {"unit": f, "memory": 1, None: 0}[gate_style]
    # (batch count, M, K, N): C[M, N] = A[M, K] @ B[K, N], per step
    shapes = [(1, batch, input_size, f)]
    for _ in range(num_blocks):
        shapes += [
            (1, batch * rows, f, h * (2 * dk + dv)),  # qkv projection
            (batch * h, rows, dk, rows),
            (batch * h, rows, rows, dv),
        ]  # q kᵀ, A v
        shapes += [(1, batch * rows, f, f)] * attention_mlp_layers
    if g:
        shapes += [(1, batch, f, 2 * g), (1, batch * n, f, 2 * g)]
    flops = 0
    operands = []
    for count, m, k, cols in shapes:
        a = torch.randn(count, m, k, generator=generator).squeeze(0)
        b = torch.randn(count, k, cols, generator=generator).squeeze(0)
        grad = torch.randn(count, m, cols, generator=generator).squeeze(0)
        operands.append((a, b, grad))
        flops += (1 if mode == "fwd" else 3) * 2 * count * m * k * cols
    backward = mode != "fwd"

    def run():
        for _ in range(STEPS):
            for a, b, grad in operands:
                torch.matmul(a, b)
                if backward:
                    torch.matmul(grad, b.transpose(-1, -2))  # the input's gradient
                    torch.matmul(a.transpose(-1, -2), grad)  # the weight's (or other operand's)

    return run, flops * STEPS


_COMPILED = {}


def compiled_unroll():
    """``torch.compile`` (inductor) of the fast path's ``unroll``, one per process (each new shape
    or mode recompiles: tens of seconds on 2 cores, timed apart by ``warm_up``)."""
    if "unroll" not in _COMPILED:
        from rmc_ref import fast

        _COMPILED["unroll"] = torch.compile(fast.unroll, dynamic=False)
    return _COMPILED["unroll"]


def warm_up(name: str, fn: Callable[[], None]) -> dict:
    """Call ``fn`` once; for 'compiled' this compiles, and its time is reported on its own. When
    compilation fails, the row falls back to the eager fast path and says so."""
    start = time.perf_counter()
    try:
        fn()
        error = None
    except Exception as exc:  # noqa: BLE001  (no compiler, no headers, an inductor bug...)
        if name != "compiled":
            raise
        error = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        from rmc_ref import fast

        _COMPILED["unroll"] = fast.unroll
    return {"first_call_s": time.perf_counter() - start, "compile_error": error}


def make_runner(kind: str, core: RelationalMemory, lstm, x: torch.Tensor, mode: str) -> Callable[[], None]:
    """A closure running 8 steps of one model on x [B, T, input], forward or forward+backward."""
    batch = x.shape[0]
    if kind == "baseline":
        weights = ref.weights_from_module(core)
        cfg = ref.config(**CONFIG_A)

        def run():
            memory = core.initial_state(batch)
            return ref.unroll(weights, cfg, x, memory)[0]
    elif kind in ("readable", "rmc"):
        fast = kind == "rmc"

        def run():
            previous = getattr(core, "fast_path", None)
            if previous is not None:
                core.fast_path = fast
            try:
                return core.unroll(x)[0]
            finally:
                if previous is not None:
                    core.fast_path = previous
    elif kind == "lstm":

        def run():
            return lstm.unroll(x)[0]
    elif kind == "compiled":

        def run():  # looked up at every call, so a failed compilation's eager fallback is used
            return compiled_unroll()(core, x, core.initial_state(batch))[0]
    else:
        raise ValueError(kind)

    if mode == "fwd":

        def timed():
            with torch.no_grad():
                run()
    else:
        params = list(core.parameters()) if kind != "lstm" else list(lstm.parameters())

        def timed():
            for p in params:
                p.grad = None
            run().sum().backward()

    return timed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter
    )
    parser.add_argument(
        "--threads", type=int, default=os.cpu_count() or 1, help="torch intra-op threads, the same for every row"
    )
    parser.add_argument("--batches", type=int, nargs="+", default=list(BATCHES))
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=MODES)
    parser.add_argument("--rounds", type=int, default=7, help="interleaved samples per row")
    parser.add_argument("--min-seconds", type=float, default=0.1, help="minimum length of one sample")
    parser.add_argument("--matmul-size", type=int, default=2048)
    parser.add_argument(
        "--models",
        nargs="+",
        default=["baseline", "readable", "rmc", "lstm", "chain"],
        choices=["baseline", "readable", "rmc", "lstm", "chain"],
    )
    parser.add_argument(
        "--compile",
        action="store_true",
        help="add a 'compiled' row: torch.compile of the fast path (compile time reported apart)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args(argv)

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    core = RelationalMemory(**CONFIG_A)
    lstm = LSTMBaseline(core.input_size, matched_lstm_hidden_size(core))
    has_fast = hasattr(core, "fast_path")
    models = [m for m in args.models if m != "readable" or has_fast]
    if args.compile:
        models.insert(models.index("rmc") + 1 if "rmc" in models else len(models), "compiled")
    rmc_flops = rmc_flops_per_step(**CONFIG_A)
    lstm_flops = lstm_flops_per_step(CONFIG_A["input_size"], lstm.hidden_size)
    rmc_executed = rmc_executed_flops_per_step(**CONFIG_A)
    flops = {
        "baseline": rmc_flops["total"],
        "readable": rmc_flops["total"],
        "rmc": rmc_flops["total"],
        "lstm": lstm_flops,
        "chain": rmc_flops["total"],
        "compiled": rmc_flops["total"],
    }

    print(f"torch {torch.__version__}, {args.threads} thread(s), {platform.processor() or platform.machine()}")
    print(
        f"config A: {CONFIG_A}, {STEPS} steps; RMC {count_parameters(core):,} parameters, "
        f"matched LSTM hidden {lstm.hidden_size} ({count_parameters(lstm):,} parameters)"
    )
    print(
        "analytic forward FLOPs per step per example: RMC "
        + ", ".join(f"{k} {v:,}" for k, v in rmc_flops.items())
        + f"; LSTM {lstm_flops:,}"
    )
    print(
        f"(matrix multiplies only; fwd+bwd counted as 3x fwd; the rmc row's fast path executes "
        f"{rmc_executed:,} per step, {1 - rmc_executed / rmc_flops['total']:.1%} fewer, and is "
        f"credited with the model's count; chain = the same multiplies alone, the ceiling)"
    )
    print(
        f"{args.rounds} interleaved rounds per group, medians; speed-up = baseline time / row time; "
        f"share = row GFLOP/s / matmul GFLOP/s ({args.matmul_size}^3, same group)\n"
    )
    header = f"{'batch':>5} {'mode':>8} {'model':>9} {'ms/8 steps':>11} {'speed-up':>9} {'GFLOP/s':>8} {'share':>6}"
    print(header)
    print("-" * len(header))

    matmul = make_matmul(args.matmul_size)
    rows, compile_notes = [], []
    for batch in args.batches:
        x = torch.randn(batch, STEPS, CONFIG_A["input_size"], generator=torch.Generator().manual_seed(1))
        for mode in args.modes:
            fns = {"matmul": matmul}
            for m in models:
                if m == "chain":
                    fns[m], chain_flops = make_matmul_chain(batch, mode, **CONFIG_A)
                    assert chain_flops == (1 if mode == "fwd" else 3) * rmc_flops["total"] * batch * STEPS
                else:
                    fns[m] = make_runner(m, core, lstm, x, mode)
                if m == "compiled":
                    first = warm_up(m, fns[m])
                    compile_notes.append({"batch": batch, "mode": mode, **first})
                    print(
                        f"  (compiled, batch {batch} {mode}: first call incl. compilation "
                        f"{first['first_call_s']:.1f} s"
                        + (f"; FAILED, eager fallback: {first['compile_error']}" if first["compile_error"] else "")
                        + ")",
                        flush=True,
                    )
            result = interleaved_medians(fns, args.rounds, args.min_seconds)
            mm_gflops = matmul_flops(args.matmul_size) / result["matmul"]["median_s"] / 1e9
            factor = 1 if mode == "fwd" else 3
            base = result.get("baseline", {}).get("median_s")
            for model in ["matmul"] + models:
                r = result[model]
                if model == "matmul":
                    gflops = mm_gflops
                else:
                    gflops = factor * flops[model] * batch * STEPS / r["median_s"] / 1e9
                row = {
                    "batch": batch,
                    "mode": mode,
                    "model": model,
                    "median_ms": 1e3 * r["median_s"],
                    "min_ms": 1e3 * r["min_s"],
                    "max_ms": 1e3 * r["max_s"],
                    "samples": r["samples"],
                    "gflops": gflops,
                    "share_of_matmul": gflops / mm_gflops,
                    "speedup_vs_baseline": (base / r["median_s"])
                    if base and model not in ("matmul", "chain")
                    else None,
                }
                rows.append(row)
                speed = f"{row['speedup_vs_baseline']:.2f}x" if row["speedup_vs_baseline"] else "-"
                print(
                    f"{batch:>5} {mode:>8} {model:>9} {row['median_ms']:>11.3f} {speed:>9} "
                    f"{gflops:>8.1f} {row['share_of_matmul']:>6.0%}",
                    flush=True,
                )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "torch": torch.__version__,
                    "threads": args.threads,
                    "rounds": args.rounds,
                    "config": CONFIG_A,
                    "steps": STEPS,
                    "matmul_size": args.matmul_size,
                    "has_fast_path": has_fast,
                    "lstm_hidden_size": lstm.hidden_size,
                    "flops_per_step": {"rmc": rmc_flops, "lstm": lstm_flops, "rmc_fast_path_executed": rmc_executed},
                    "flop_convention": "matrix multiplies only, 2 per multiply-add; fwd+bwd = 3x fwd; "
                    "chain = the same multiplies alone (the ceiling)",
                    "rows": rows,
                    "compile": compile_notes,
                },
                indent=1,
            )
            + "\n"
        )
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
