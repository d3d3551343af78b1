"""What a faster training step saves on the ladder: the RMC's minutes to 90% on its frontier rung.

The ladder's performance figure is the minutes the RMC needs to reach 90% relational accuracy on the
largest rung it learns (``rmc_course.ladder.ladder_frontier``: median over >= 3 seeds). A speed-up of
the training step is worth what it saves there. This times one training step (a batch drawn, forward,
backward, Adam) of that rung's configuration three ways, in one process, interleaved, one thread (the
sweep's own timing, ``rmc_course.sweep.measure_step_costs``):

* ``fast``      the RMC as the ladder trained it (``rmc_ref.fast``, the default path);
* ``readable``  the same RMC on its lesson-facing code path (``core.fast_path = False``);
* ``lstm``      the parameter-matched LSTM (its own minutes to 90% are the comparison).

Minutes to 90% are steps x the timed seconds per step (the ladder's definition), so a path's minutes
are the shipped minutes scaled by the cost ratio measured here:

    minutes on the readable path = shipped minutes (fast path) x readable s/step / fast s/step

Ratios hold on a busy machine (both paths see the same load); the milliseconds do not.

    .venv/bin/python benchmarks/ladder_speed.py [--rung 4x2] [--rounds 6] [--json runs/ladder_speed.json]
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from pathlib import Path
from typing import Any, Mapping, Sequence

import torch

from rmc_course.ladder import ladder_frontier
from rmc_course.shipped import asset_path
from rmc_course.sweep import TIMING_STEPS, measure_step_costs
from rmc_ref.train import TrainConfig, make_task

LABELS = {"fast": "rmc", "readable": "rmc", "lstm": "lstm"}  # timed label -> model kind


def median_minutes(values: Sequence[float | None]) -> float | None:
    """Median minutes to 90% over seeds, a seed that never reached counting as infinitely slow;
    None when the median itself is "not reached"."""
    median = statistics.median(math.inf if v is None else v for v in values)
    return None if math.isinf(median) else median


def pick_rung(ladder: Mapping[str, Any], name: str | None = None) -> dict[str, Any]:
    """The rung ``name`` of a ladder.json, by default the RMC's frontier rung; ValueError if there is none."""
    if name is None:
        name = ladder_frontier(ladder)["rmc"]
        if name is None:
            raise ValueError("no rung where the RMC's median reaches 90%: nothing to save time on (give --rung)")
    for rung in ladder["rungs"]:
        if rung["name"] == name:
            return rung
    raise ValueError(f"no rung {name!r} in the ladder (rungs: {', '.join(r['name'] for r in ladder['rungs'])})")


def savings(rung: Mapping[str, Any], timings: Sequence[Mapping[str, float]]) -> dict[str, Any]:
    """The rung's median minutes to 90% per path, from its shipped (fast-path) minutes and the cost ratios
    of several timings (median over them; each timing is one interleaved measurement)."""
    if not timings:
        raise ValueError("no timings")
    readable = [t["readable"] / t["fast"] for t in timings]
    lstm = [t["lstm"] / t["fast"] for t in timings]
    ratio = statistics.median(readable)
    rmc = median_minutes(rung["rmc"]["minutes_to_90"])
    return {
        "rung": rung["name"],
        "timings": [dict(t) for t in timings],
        "readable_over_fast": {"median": ratio, "min": min(readable), "max": max(readable)},
        "lstm_over_fast": {"median": statistics.median(lstm), "min": min(lstm), "max": max(lstm)},
        "shipped_rmc_over_lstm": rung["step_cost_ratio"],
        "rmc_minutes_to_90": {"fast": rmc, "readable": None if rmc is None else rmc * ratio},
        "rmc_minutes_saved_by_fast_path": None if rmc is None else rmc * (ratio - 1),
        "lstm_minutes_to_90": median_minutes(rung["lstm"]["minutes_to_90"]),
        "seeds": {kind: len(rung[kind]["minutes_to_90"]) for kind in ("rmc", "lstm")},
    }


def time_paths(rung: Mapping[str, Any], rounds: int, steps: int = TIMING_STEPS) -> dict[str, float]:
    """Seconds per training step of the rung's RMC on each path and of its LSTM (one thread)."""
    torch.set_num_threads(1)
    configs = {label: TrainConfig.from_dict(rung[kind]["config"]) for label, kind in LABELS.items()}
    return measure_step_costs(
        make_task(configs["fast"]),
        configs,
        steps=steps,
        rounds=rounds,
        kinds=LABELS,
        prepare={"readable": lambda model: setattr(model.core, "fast_path", False)},
    )


def report(result: Mapping[str, Any]) -> str:
    def minutes(value: float | None) -> str:
        return "not reached" if value is None else f"{value:.2f}"

    def spread(ratio: Mapping[str, float]) -> str:
        return f"{ratio['median']:.2f} [{ratio['min']:.2f}, {ratio['max']:.2f}]"

    rmc, saved = result["rmc_minutes_to_90"], result["rmc_minutes_saved_by_fast_path"]
    lstm_ratio = result["lstm_over_fast"]["median"]
    return "\n".join(
        [
            f"rung {result['rung']}: {len(result['timings'])} timings (median [min, max]); minutes to 90% are "
            f"medians over {result['seeds']['rmc']} RMC and {result['seeds']['lstm']} LSTM seeds",
            "| path | step cost x the fast path's | median minutes to 90% |",
            "|---|---|---|",
            f"| RMC fast path (as the ladder ran) | 1.00 | {minutes(rmc['fast'])} |",
            f"| RMC readable path | {spread(result['readable_over_fast'])} | {minutes(rmc['readable'])} |",
            f"| LSTM (parameter-matched) | {spread(result['lstm_over_fast'])} | "
            f"{minutes(result['lstm_minutes_to_90'])} |",
            (
                "the RMC does not reach 90% on this rung: no minutes to save"
                if saved is None
                else f"the fast path saves {saved:.2f} min of the RMC's {rmc['readable']:.2f} on the readable path"
                + (" (negative: it costs time)" if saved < 0 else "")
            ),
            f"RMC/LSTM step cost: {1 / lstm_ratio:.2f} here, {result['shipped_rmc_over_lstm']:.2f} at the ladder's timing",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=6, help="timed rounds per timing (each: 10 steps of every path)")
    parser.add_argument("--timings", type=int, default=5, help="independent timings; ratios are their median")
    parser.add_argument("--rung", default=None, help="a rung of the ladder (default: the RMC's frontier rung)")
    parser.add_argument("--ladder", type=Path, default=None, help="ladder.json (default: the shipped one)")
    parser.add_argument("--json", type=Path, default=None, help="also write the result here")
    args = parser.parse_args(argv)
    ladder = json.loads((args.ladder or asset_path("ladder", "ladder.json")).read_text())
    try:
        rung = pick_rung(ladder, args.rung)
    except ValueError as error:
        parser.error(str(error))
    result = savings(rung, [time_paths(rung, args.rounds) for _ in range(args.timings)])
    print(report(result))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
