"""How many steps a changed configuration gets in a search screen of the ladder, robust to machine load.

A screen of ``benchmarks/ladder_search.sh`` gives a changed configuration the wall-clock time that the
rung's own configuration gets. Timing the changed configuration alone measures the machine's load as
much as the change (a screen timed while the machine was busy trained 5,515 steps where a quiet one
gives about 50,000). This times the rung's configuration and the changed one in ONE process,
interleaved (as the sweep times the RMC against the LSTM), so both see the same load, and scales the
rung's own quiet step budget by their cost ratio:

    steps = rung steps for the budget x (rung's seconds per step / changed seconds per step)

The rung's steps come from the shipped ladder.json (its quiet timing), so a screen gets the same
budget on a busy machine as on a quiet one, up to the ratio's noise.

    .venv/bin/python benchmarks/search_steps.py --rung 5x2 --model rmc --minutes 5 --set mem_slots=5
    (prints one integer: the steps to pass to the sweep's --steps-rmc / --steps-lstm)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import torch

from rmc_course.shipped import asset_path
from rmc_course.sweep import measure_step_costs
from rmc_ref.train import TrainConfig, make_task


def parse_value(text: str):
    """A --set value as JSON when it parses (numbers, lists, null), else the string."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def interleaved_costs(configs: list[TrainConfig], kind: str, seed: int = 0) -> list[float]:
    """Seconds per training step of each configuration of one model kind, timed interleaved (the sweep's
    timing, one thread)."""
    torch.set_num_threads(1)
    labels = [f"config{i}" for i in range(len(configs))]
    costs = measure_step_costs(
        make_task(configs[0]), dict(zip(labels, configs)), seed=seed, kinds={label: kind for label in labels}
    )
    return [costs[label] for label in labels]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rung", required=True, help="the ladder rung whose configuration is changed, e.g. 5x2")
    parser.add_argument("--model", required=True, choices=("rmc", "lstm"))
    parser.add_argument("--minutes", type=float, default=5.0, help="the screen's budget, in the rung's quiet minutes")
    parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", help="a changed setting")
    parser.add_argument("--ladder", type=Path, default=None, help="ladder.json (default: the shipped one)")
    args = parser.parse_args(argv)
    ladder = json.loads((args.ladder or asset_path("ladder", "ladder.json")).read_text())
    rung = next((r for r in ladder["rungs"] if r["name"] == args.rung), None)
    if rung is None:
        parser.error(f"no rung {args.rung!r} in ladder.json")
    base = dict(rung["config"])
    changed = dict(base)
    for item in args.set:
        field, _, value = item.partition("=")
        if field not in base:
            parser.error(f"--set {item}: {field!r} is not a setting of the rung's configuration")
        changed[field] = parse_value(value)
    configs = [TrainConfig.from_dict({**c, "steps": 1000}) for c in (base, changed)]
    base_cost, changed_cost = interleaved_costs(configs, args.model)
    rung_steps = rung["steps"][args.model] * args.minutes * 60 / rung["budget_seconds"]
    steps = max(1, round(rung_steps * base_cost / changed_cost))
    print(
        f"{args.rung} {args.model}: rung {base_cost * 1e3:.2f} ms/step, changed {changed_cost * 1e3:.2f} ms/step "
        f"(ratio {changed_cost / base_cost:.2f}); {rung_steps:.0f} rung steps in {args.minutes:g} quiet min -> "
        f"{steps} steps",
        file=sys.stderr,
    )
    print(steps)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
