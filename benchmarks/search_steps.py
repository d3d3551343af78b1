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
import time
from pathlib import Path

import torch
import torch.nn.functional as F

from rmc_course.shipped import asset_path
from rmc_ref.train import TrainConfig, build_model, make_task

ROUNDS, STEPS = 6, 10  # interleaved timing: rounds x steps of each configuration (the first round warms up)


def parse_value(text: str):
    """A --set value as JSON when it parses (numbers, lists, null), else the string."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def interleaved_costs(configs: list[TrainConfig], kind: str, seed: int = 0) -> list[float]:
    """Seconds per training step of each configuration of one model kind, timed interleaved."""
    torch.set_num_threads(1)
    models, optimizers, tasks = [], [], []
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        for config in configs:
            task = make_task(config)
            model = build_model(kind, task, config)
            models.append(model)
            optimizers.append(torch.optim.Adam(model.parameters(), lr=config.lr))
            tasks.append(task)
    generator = torch.Generator().manual_seed(seed)
    seconds = [0.0] * len(configs)
    for round_index in range(ROUNDS + 1):
        for i, (config, model, optimizer, task) in enumerate(zip(configs, models, optimizers, tasks)):
            start = time.perf_counter()
            for _ in range(STEPS):
                inputs, labels = task.sample(config.batch_size, generator=generator)
                loss = F.cross_entropy(model(inputs), labels)
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
            if round_index > 0:
                seconds[i] += time.perf_counter() - start
    return [s / (ROUNDS * STEPS) for s in seconds]


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
