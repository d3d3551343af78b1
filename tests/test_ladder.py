"""The task-size ladder's driver (rmc_course.ladder): a rung is a sweep folder, finished runs are
skipped, an interrupted rung reruns only what is missing and gives the same numbers, a rung is
reproduced from the shipped budget, and the collected ladder.json has the schema of issue 27.

Real training on a tiny configuration (tens of steps, one seed, in this process): about 10 s.
"""

from __future__ import annotations

import json
import shutil
import types

import matplotlib

matplotlib.use("Agg")

import pytest
import torch

import rmc_course.ladder as ladder
import rmc_course.sweep as sweep
from rmc_course.ladder import (
    RUNGS,
    LadderError,
    Rung,
    collect_ladder,
    job_configs,
    main,
    makespan,
    minutes_to,
    parse_rung,
    plot_ladder,
    run_ladder,
    rung_record,
    steps_to,
)
from rmc_ref.train import checkpoint_path, load_checkpoint

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TINY = {"mem_slots": 2, "head_size": 4, "num_heads": 2, "head_hidden": [16], "batch_size": 8, "test_size": 48}
STEPS = {"rmc": 12, "lstm": 16}
NUMBERS = ("step", "train_loss", "train_acc", "test_loss", "test_acc", "test_rel_acc", "test_rank_acc")


def tiny_rung(seeds=(0,)) -> Rung:
    return Rung(3, 2, tuple(seeds), dict(TINY))


def _no_training(monkeypatch):
    """Make any training or timing fail the test (proof that nothing was trained or timed)."""

    def refuse(*args, **kwargs):
        raise AssertionError("trained or timed although everything was finished")

    monkeypatch.setattr(sweep, "train_run", refuse)
    monkeypatch.setattr(ladder, "measure_step_costs", refuse)


def _count_training(monkeypatch) -> list[tuple[str, int]]:
    calls, real = [], sweep.train_run

    def counting(kind, task, config, seed, progress=None):
        calls.append((kind, seed))
        return real(kind, task, config, seed, progress=progress)

    monkeypatch.setattr(sweep, "train_run", counting)
    return calls


def _mtimes(folder):
    return {path.name: path.stat().st_mtime_ns for path in sorted(folder.glob("*_seed*.pt"))}


@pytest.fixture(scope="module")
def first(tmp_path_factory):
    """One tiny rung run from scratch: its root, assets, log and what was trained."""
    base = tmp_path_factory.mktemp("ladder")
    root, assets, lines = base / "runs", base / "assets", []
    trained = run_ladder(
        [tiny_rung()], root, workers=1, nice=0, assets=assets, steps=STEPS, progress_every=0.01, log=lines.append
    )
    return types.SimpleNamespace(root=root, assets=assets, folder=root / "o3f2", trained=trained, lines=lines)


def test_a_rung_run_writes_a_sweep_folder(first):
    assert first.trained == ["3x2 rmc0", "3x2 lstm0"]
    for name in (
        "sweep.json",
        "summary.json",
        "history.json",
        "evaluations.csv",
        "sweep.png",
        "rmc_seed0.pt",
        "lstm_seed0.pt",
    ):
        assert (first.folder / name).exists(), name
    head = json.loads((first.folder / "sweep.json").read_text())
    assert head["budget"]["steps"] == STEPS and head["seeds"] == [0]
    assert set(head["budget"]["seconds_per_step"]) == {"rmc", "lstm"}
    for kind in STEPS:
        model, checkpoint = load_checkpoint(checkpoint_path(first.folder, kind, 0))
        assert checkpoint["config"]["steps"] == STEPS[kind] and checkpoint["history"]["step"][-1] == STEPS[kind]
        assert checkpoint["config"]["threads"] == 1
    # the folder is a sweep's: rmc_course.sweep collects it as its own
    summary = sweep.collect(first.folder)
    assert summary["seeds_finished"] == {"rmc": [0], "lstm": [0]}
    assert any("runs done" in line and "left" in line for line in first.lines), first.lines


def test_a_second_invocation_skips_finished_runs(first, monkeypatch):
    before = _mtimes(first.folder)
    _no_training(monkeypatch)
    lines = []
    trained = run_ladder([tiny_rung()], first.root, workers=1, nice=0, assets=None, log=lines.append)
    assert trained == []
    assert _mtimes(first.folder) == before
    assert any("nothing to run" in line for line in lines)


def test_an_interrupted_rung_reruns_only_the_missing_run_with_the_same_numbers(first, tmp_path, monkeypatch):
    root = tmp_path / "runs"
    shutil.copytree(first.root, root)
    folder = root / "o3f2"
    checkpoint_path(folder, "lstm", 0).unlink()  # the run that was interrupted
    kept = _mtimes(folder)
    calls = _count_training(monkeypatch)
    monkeypatch.setattr(ladder, "measure_step_costs", lambda *a, **k: pytest.fail("the budget is fixed"))
    trained = run_ladder([tiny_rung()], root, workers=1, nice=0, assets=None, progress_every=0, log=lambda _: None)
    assert trained == ["3x2 lstm0"] and calls == [("lstm", 0)]
    assert _mtimes(folder)["rmc_seed0.pt"] == kept["rmc_seed0.pt"]
    old = torch.load(checkpoint_path(first.folder, "lstm", 0), weights_only=True)
    new = torch.load(checkpoint_path(folder, "lstm", 0), weights_only=True)
    assert {key: new["history"][key] for key in NUMBERS} == {key: old["history"][key] for key in NUMBERS}
    assert new["config"] == old["config"]
    assert all(torch.equal(new["model"][name], old["model"][name]) for name in old["model"])


def test_a_fresh_root_reproduces_a_rung_with_the_shipped_steps(first, tmp_path, monkeypatch):
    assets = tmp_path / "assets"
    shutil.copytree(first.assets, assets)
    monkeypatch.setattr(ladder, "measure_step_costs", lambda *a, **k: pytest.fail("timed a shipped rung"))
    root = tmp_path / "runs"
    run_ladder([tiny_rung()], root, workers=1, nice=0, assets=assets, progress_every=0, log=lambda _: None)
    head = json.loads((root / "o3f2" / "sweep.json").read_text())
    assert head["budget"]["steps"] == STEPS and head["budget"]["source"] == "the shipped ladder.json"
    for kind in STEPS:
        old = torch.load(checkpoint_path(first.folder, kind, 0), weights_only=True)["history"]
        new = torch.load(checkpoint_path(root / "o3f2", kind, 0), weights_only=True)["history"]
        assert {key: new[key] for key in NUMBERS} == {key: old[key] for key in NUMBERS}


def test_a_sweep_folder_is_adopted_as_a_rung(tmp_path, monkeypatch):
    rung = tiny_rung()
    sweep.run_sweep(
        rung.config(),
        [0],
        tmp_path / "o3f2",
        steps=STEPS,
        workers=1,
        show_progress=False,
        plot_name="",
        log=lambda _: None,
    )
    _no_training(monkeypatch)
    assert run_ladder([rung], tmp_path, workers=1, assets=None, progress_every=0, log=lambda _: None) == []


def test_collect_writes_the_ladder_schema(first):
    data = json.loads((first.assets / "ladder.json").read_text())
    names = [rung["name"] for rung in data["rungs"]]
    assert names == [rung.name for rung in RUNGS]  # every rung listed, the ones not run as "not started"
    rung = data["rungs"][0]
    assert {"num_objects", "num_features", "budget_seconds", "config", "rmc", "lstm"} <= set(rung)
    assert (rung["num_objects"], rung["num_features"], rung["status"]) == (3, 2, "complete")
    assert rung["config"]["mem_slots"] == TINY["mem_slots"] and "steps" not in rung["config"]
    assert rung["steps"] == STEPS and rung["step_cost_ratio"] > 0
    assert rung["plateau_relational_accuracy"] == pytest.approx(0.5)
    for kind in STEPS:
        history = torch.load(checkpoint_path(first.folder, kind, 0), weights_only=True)["history"]
        model = rung[kind]
        assert model["relational"] == [history["test_rel_acc"][-1]]
        assert model["overall"] == [history["test_acc"][-1]]
        assert len(model["minutes_to_90"]) == 1
    later = data["rungs"][1]
    assert later["status"] == "not started" and later["rmc"]["relational"] == [] and later["steps"] is None
    assert (first.assets / "ladder.png").read_bytes()[:8] == PNG_SIGNATURE
    rows = [line for line in (first.assets / "search.md").read_text().splitlines() if "o3f2 |" in line]
    assert len(rows) == 2 and all("2 slots x 2 heads x 4" in row or "hidden" in row for row in rows)


def _synthetic_rung(root, num_objects, rel_finals: dict[str, list[float | None]], reach: dict[str, list]):
    """A rung folder with hand-made checkpoints: each run's history ends at rel_finals; reach[kind][i]
    is the step where seed i first reaches >= 0.9 (None: never)."""
    rung = Rung(num_objects, 2, (0, 1, 2), dict(TINY))
    folder = root / rung.folder
    folder.mkdir(parents=True)
    head = {
        "config": rung.config().to_dict(),
        "seeds": [0, 1, 2],
        "parameters": {"rmc": 1, "lstm": 1},
        "budget": {
            "steps": {"rmc": 400, "lstm": 1200},
            "seconds_per_step": {"rmc": 0.03, "lstm": 0.01},
            "step_cost_ratio_rmc_over_lstm": 3.0,
            "budget_minutes": 0.2,
            "describe": "synthetic",
        },
    }
    (folder / "sweep.json").write_text(json.dumps(head))
    configs = job_configs(head)
    for kind, finals in rel_finals.items():
        for seed, (final, first_hit) in enumerate(zip(finals, reach[kind])):
            steps = head["budget"]["steps"][kind]
            grid = list(range(100, steps + 1, 100))
            rel = [0.95 if first_hit is not None and s >= first_hit else 0.5 for s in grid]
            rel[-1] = final
            history = {
                "step": grid,
                "seconds": [s * 0.04 for s in grid],
                "test_rel_acc": rel,
                "test_acc": [r * 0.9 for r in rel],
            }
            torch.save(
                {"kind": kind, "seed": seed, "config": configs[kind], "history": history, "model": {}},
                checkpoint_path(folder, kind, seed),
            )
    return folder


def test_minutes_to_90_is_steps_times_the_timed_seconds_per_step_or_null(tmp_path):
    assert steps_to({"step": [10, 20, 30], "test_rel_acc": [0.5, 0.91, 0.8]}) == 20
    assert minutes_to({"step": [10, 20], "test_rel_acc": [0.5, 0.89]}, 0.02) is None
    root = tmp_path / "runs"
    # RMC: seeds reach 90% at steps 200 and 300, the third never; the LSTM never (its seed 2 not finished)
    folder = _synthetic_rung(
        root, 4, {"rmc": [0.95, 0.92, 0.5], "lstm": [0.5, 0.4]}, {"rmc": [200, 300, None], "lstm": [None, None]}
    )
    record = rung_record(folder)
    assert record["rmc"]["steps_to_90"] == [200, 300, None]
    assert record["rmc"]["minutes_to_90"] == pytest.approx([200 * 0.03 / 60, 300 * 0.03 / 60, None])
    assert record["lstm"]["minutes_to_90"] == [None, None]
    assert record["status"] == "partial" and record["seeds_finished"] == {"rmc": "3/3", "lstm": "2/3"}
    assert record["rmc"]["relational_summary"]["median"] == pytest.approx(0.92)
    # a rung with only 2 RMC seeds at 95% does not ship its checkpoints (a claim needs >= 3 seeds)
    _synthetic_rung(root, 5, {"rmc": [0.95, 0.95], "lstm": [0.5]}, {"rmc": [100, 100], "lstm": [None]})
    assets = tmp_path / "assets"
    data = collect_ladder(root, assets, rungs=[], log=lambda _: None)
    on_disk = json.loads((assets / "ladder.json").read_text())
    assert on_disk == json.loads(json.dumps(data))
    four, five = (next(r for r in on_disk["rungs"] if r["name"] == name) for name in ("4x2", "5x2"))
    assert four["rmc"]["minutes_to_90"][2] is None and four["lstm"]["minutes_to_90"] == [None, None]
    assert four["rmc_median_reaches_90"] and sorted(four["checkpoints"]) == sorted(
        [f"o4f2/rmc_seed{s}.pt" for s in (0, 1, 2)] + [f"o4f2/lstm_seed{s}.pt" for s in (0, 1)]
    )
    assert (assets / "o4f2" / "rmc_seed2.pt").exists()
    assert not five["rmc_median_reaches_90"] and five["checkpoints"] == [] and not (assets / "o5f2").exists()
    assert "not reached" in (assets / "search.md").read_text()
    assert plot_ladder(on_disk).axes[0].get_xticklabels()[1].get_text().endswith("LSTM 2/3")


def test_makespan_fills_the_first_free_worker():
    assert makespan([10.0], [5.0, 5.0, 5.0], 2) == 15.0
    assert makespan([], [7.0, 7.0], 2) == 7.0 and makespan([], [], 2) == 0.0


def test_the_command_line_plans_and_refuses_a_folder_of_another_configuration(first, capsys):
    # the ladder's own 3x2 rung has the showdown's configuration, the tiny folder does not
    assert main(["--plan", "--rung", "3x2", "--root", str(first.root)]) == 2
    assert "another configuration" in capsys.readouterr().err
    assert main(["--plan", "--rung", "4x2", "--root", str(first.root)]) == 0
    assert "budget not fixed yet" in capsys.readouterr().out
    with pytest.raises(LadderError, match="OBJECTSxFEATURES"):
        parse_rung("4x")
    assert parse_rung("8x16").seeds == (0,) and parse_rung("5x2").seeds == (0, 1, 2)


def test_folders_and_checkpoints_saved_before_a_config_field_existed_still_count(first, tmp_path):
    """A rung run before warm-up and curriculum existed trained without them: its sweep.json and
    checkpoints (no such keys) fit the rung, and a rung kept from the shipped ladder.json gets them."""
    old = tmp_path / "runs"
    shutil.copytree(first.root, old)
    folder = old / "o3f2"
    head = json.loads((folder / "sweep.json").read_text())
    for key in ("warmup_steps", "curriculum_start"):
        head["config"].pop(key)
    (folder / "sweep.json").write_text(json.dumps(head))
    for kind in STEPS:
        path = checkpoint_path(folder, kind, 0)
        checkpoint = torch.load(path, map_location="cpu", weights_only=True)
        for key in ("warmup_steps", "curriculum_start"):
            checkpoint["config"].pop(key)
        torch.save(checkpoint, path)
    assert sorted(ladder.finished_runs(folder, head)) == [("lstm", 0), ("rmc", 0)]
    assert ladder.read_head(tiny_rung(), folder)["seeds"] == [0]
    record = rung_record(folder)
    assert (record["config"]["warmup_steps"], record["config"]["curriculum_start"]) == (0, None)
    # a stray checkpoint with a schedule is still refused
    checkpoint["config"]["warmup_steps"] = 10
    torch.save(checkpoint, checkpoint_path(folder, "lstm", 0))
    with pytest.raises(LadderError, match=r"differs in warmup_steps"):
        ladder.finished_runs(folder, head)


def test_a_search_row_of_fixed_steps_says_untimed_not_not_reached(first, tmp_path):
    """A run given fixed steps has no timing of its own: steps to 90% yes, minutes 'untimed'."""
    folder = tmp_path / "o3f2"
    shutil.copytree(first.folder, folder)
    head = json.loads((folder / "sweep.json").read_text())
    head["budget"]["seconds_per_step"] = None
    (folder / "sweep.json").write_text(json.dumps(head))
    path = checkpoint_path(folder, "rmc", 0)
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    checkpoint["history"]["test_rel_acc"][-1] = 0.95  # reached at the last evaluation
    torch.save(checkpoint, path)
    rows = {row.split("|")[2].strip(): row.split("|") for row in ladder.search_rows(folder, "no")}
    steps = f"{checkpoint['history']['step'][-1]:,}"
    assert [cell.strip() for cell in rows["RMC"][10:12]] == [steps, "untimed"]
    assert [cell.strip() for cell in rows["LSTM"][10:12]] == ["not reached", "not reached"]
    timed = {row.split("|")[2].strip(): row.split("|") for row in ladder.search_rows(first.folder, "ladder")}
    assert timed["RMC"][11].strip() != "untimed"


def test_a_search_row_says_set_for_an_lstm_size_given_to_the_sweep(first, tmp_path):
    folder = tmp_path / "o3f2"
    shutil.copytree(first.folder, folder)
    matched = {row.split("|")[2].strip(): row for row in ladder.search_rows(folder, "no")}["LSTM"]
    assert "(match classifier)" in matched and "(set)" not in matched
    head = json.loads((folder / "sweep.json").read_text())
    checkpoint = torch.load(checkpoint_path(folder, "lstm", 0), map_location="cpu", weights_only=True)
    head["config"]["lstm_hidden"] = checkpoint["config"]["lstm_hidden"]  # the same size, given by hand
    (folder / "sweep.json").write_text(json.dumps(head))
    checkpoint_path(folder, "rmc", 0).unlink()  # trained without the size: not a run of this sweep.json
    given = {row.split("|")[2].strip(): row for row in ladder.search_rows(folder, "no")}["LSTM"]
    assert f"hidden {checkpoint['config']['lstm_hidden']} (set)" in given, given


def _rung(name, rmc, lstm, planned=3, minutes=1.0):
    """A ladder.json rung with these final relational accuracies per finished seed."""
    objects, features = (int(v) for v in name.split("x"))

    def model(values):
        return {
            "relational": list(values),
            "minutes_to_90": [minutes if v >= 0.9 else None for v in values],
        }

    finished = {"rmc": f"{len(rmc)}/{planned}", "lstm": f"{len(lstm)}/{planned}"}
    status = "complete" if len(rmc) == len(lstm) == planned else "partial" if rmc or lstm else "not started"
    return {
        "name": name,
        "num_objects": objects,
        "num_features": features,
        "plateau_relational_accuracy": 1 / (objects - 1),
        "rmc": model(rmc),
        "lstm": model(lstm),
        "seeds_finished": finished,
        "status": status,
    }


@pytest.mark.parametrize(
    "rmc, lstm, expected",
    [
        ([0.95, 0.96, 0.97], [0.91, 0.93, 0.92], "both models learn it"),
        ([0.30, 0.31, 0.32], [0.33, 0.34, 0.35], "neither model leaves the plateau"),
        ([0.95, 0.96, 0.97], [0.30, 0.31, 0.32], "only the RMC learns it"),
        ([0.30, 0.31, 0.32], [0.95, 0.96, 0.97], "only the LSTM learns it"),
        ([0.95, 0.31, 0.32], [0.95, 0.31, 0.32], "separates neither model"),
        ([0.95, 0.96, 0.32], [0.95, 0.31, 0.32], "more of the RMC's seeds learn it"),
        ([0.95, 0.31, 0.32], [0.95, 0.96, 0.32], "more of the LSTM's seeds learn it"),
        ([0.95, 0.96, 0.97], [0.98, 0.97, 0.65], "the RMC learns it with every seed, the LSTM with only some"),
        ([0.35, 0.96, 0.37], [0.98, 0.97, 0.95], "the LSTM learns it with every seed, the RMC with only some"),
        ([0.95, 0.31, 0.32], [0.31, 0.30, 0.32], "only some of the RMC's seeds learn it"),
        ([], [], "not run yet"),
        ([0.263], [], "so far only the RMC has run (LSTM not yet)"),
    ],
)
def test_a_rung_finding_says_who_learns_it_from_the_numbers(rmc, lstm, expected):
    finding = ladder.rung_finding(_rung("4x2", rmc, lstm))
    assert expected in finding, finding
    if rmc:
        assert f"RMC {sum(v >= 0.9 for v in rmc)}/{len(rmc)} seeds" in finding
        assert f"{max(rmc):.1%}" in finding or "both models" in finding


def test_a_partial_rung_says_which_seeds_are_missing():
    finding = ladder.rung_finding(_rung("3x2", [0.95, 0.96, 0.97], [0.98, 0.97]))
    assert "partial: seeds finished RMC 3/3, LSTM 2/3" in finding, finding


def test_the_frontier_is_the_largest_rung_whose_median_reaches_90_over_three_seeds():
    rungs = [
        _rung("3x2", [0.95, 0.96, 0.97], [0.95, 0.96, 0.97]),
        _rung("4x2", [0.95, 0.96, 0.32], [0.95, 0.31, 0.32]),
        _rung("5x2", [0.95, 0.96], [0.3, 0.3], planned=3),  # two seeds: not enough to claim
        _rung("4x16", [0.2, 0.2, 0.2], [0.2, 0.2, 0.2]),
    ]
    assert ladder.ladder_frontier({"rungs": rungs}) == {"rmc": "4x2", "lstm": "3x2"}
    assert ladder.ladder_frontier({"rungs": rungs[3:]}) == {"rmc": None, "lstm": None}


def test_the_shipped_ladder_has_a_finding_per_rung():
    shipped = json.loads((ladder.ASSETS_DIR / ladder.LADDER_FILE).read_text())
    findings = [ladder.rung_finding(rung) for rung in shipped["rungs"]]
    assert [f.split(":")[0] for f in findings] == [rung["name"] for rung in shipped["rungs"]]


def test_describe_config_names_a_schedule_only_when_one_is_set():
    config = {
        "mem_slots": 4, "num_heads": 4, "head_size": 16, "num_blocks": 2, "gate_style": "unit", "input_mode": "row",
        "mlp_layers": 2, "head_hidden": [256], "batch_size": 128, "lr": 0.001, "clip_grad_norm": None,
        "test_size": 2000, "warmup_steps": 0, "curriculum_start": None, "num_objects": 4, "num_features": 2,
    }  # fmt: skip
    plain = ladder.describe_config("rmc", config)
    assert plain.startswith("4 slots x 4 heads x 16, 2 blocks, gate unit") and "warm-up" not in plain
    assert "curriculum" not in plain and "=" not in plain, plain
    scheduled = ladder.describe_config("rmc", {**config, "warmup_steps": 2000, "curriculum_start": 3, "num_blocks": 1})
    assert (
        ", 1 block, " in scheduled and "clip -, warm-up 2,000 steps, curriculum from 3 objects, test 2000" in scheduled
    )
    lstm = ladder.describe_config("lstm", {**config, "lstm_hidden": 127, "match": "classifier", "extra": 1})
    assert lstm.startswith("hidden 127 (match classifier), head [256]") and lstm.endswith("test 2000, extra=1"), lstm
    given = ladder.describe_config("lstm", {**config, "lstm_hidden": 256, "match": "classifier"}, hidden_set=True)
    assert given.startswith("hidden 256 (set), head [256]"), given  # a size given, not parameter-matched


def test_search_findings_on_another_seed_quote_the_rung_s_run_on_that_seed():
    rows = [
        {"source": "l", "model": "RMC", "seed": s, "task": "4x2", "configuration": "4 slots, lr 0.001",
         "steps": "9", "relational": r, "steps to 90%": "not reached", "kept": "ladder"}
        for s, r in (("0", "90.8%"), ("1", "32.9%"), ("2", "32.1%"))
    ] + [{"source": "s", "model": "RMC", "seed": "1", "task": "4x2", "configuration": "4 slots, lr 0.0003",
          "steps": "9", "relational": "91.0%", "steps to 90%": "8", "kept": "no"}]  # fmt: skip
    rmc, _ = ladder.search_findings(rows, {"rungs": [{"name": "4x2", "plateau_relational_accuracy": 1 / 3}]})
    assert "1 search run (seed 1), 1 of 1 reached 90% at an evaluation" in rmc, rmc
    assert "(which got 32.9% on seed 1): lr 0.0003 91.0% in 9 steps" in rmc, rmc


def test_search_findings_summarise_a_configuration_run_on_several_seeds_and_claim_only_over_three():
    def row(seed, configuration, relational, kept="no"):
        reached = "not reached" if float(relational.rstrip("%")) < 90 else "8"
        return {"source": "s", "model": "RMC", "seed": seed, "task": "4x2", "configuration": configuration,
                "steps": "9", "relational": relational, "steps to 90%": reached, "kept": kept}  # fmt: skip

    rung = [row("0", "4 slots, lr 0.001", "90.8%", "ladder"), row("1", "4 slots, lr 0.001", "32.9%", "ladder"),
            row("2", "4 slots, lr 0.001", "32.1%", "ladder")]  # fmt: skip
    screen = [row("1", "4 slots, lr 0.0003", "91.4%"), row("1", "4 slots, lr 0.001, clip 1.0", "33.0%")]
    record = {"rungs": [{"name": "4x2", "plateau_relational_accuracy": 1 / 3}]}
    head, lstm = ladder.search_findings(rung + screen, record)  # one seed per configuration: no seed-set sentence
    assert "2 search runs (seed 1)" in head and lstm == "4x2, LSTM: no search run yet"
    two = ladder.search_findings(rung + screen + [row("0", "4 slots, lr 0.0003", "93.0%")], record)
    assert "lr 0.0003 93.0% in 9 steps (seed 0)" in two[0], two[0]
    assert two[1].strip() == (
        "lr 0.0003 on 2 seeds (0, 1): relational median 92.2% [91.4%, 93.0%], 2 of 2 ended off the plateau, "
        "2 of 2 reached 90% at an evaluation "
        "(after 89%, 89% of their steps) (the rung's configuration: median 32.9% [32.1%, 90.8%]); fewer than 3 seeds: "
        "nothing claimed yet"
    )
    learned = ladder.search_findings(rung + screen + [row("0", "4 slots, lr 0.0003", "93.0%"),
                                                      row("2", "4 slots, lr 0.0003", "40.0%")], record)  # fmt: skip
    assert (
        "on 3 seeds (0, 1, 2): relational median 91.4% [40.0%, 93.0%], 2 of 3 ended off the plateau, 2 of 3 reached 90%"
        in learned[1]
    )
    assert learned[1].endswith("over 3 seeds this configuration learns the rung (median >= 90%)"), learned[1]
    assert "(after 89%, 89%, - of their steps)" in learned[1], learned[1]  # by seed: 0, 1, 2 (seed 2 never did)
    stuck = ladder.search_findings(rung + screen + [row("0", "4 slots, lr 0.0003", "33.0%"),
                                                    row("2", "4 slots, lr 0.0003", "40.0%")], record)  # fmt: skip
    assert stuck[1].endswith("over 3 seeds its median stays below 90%"), stuck[1]
    # off the plateau means >= (1/3 + 1) / 2 = 66.7%: of 33.0%, 91.4% and 40.0% only seed 1's
    assert "[33.0%, 91.4%], 1 of 3 ended off the plateau, 1 of 3 reached 90%" in stuck[1], stuck[1]


def test_search_frontier_is_the_largest_task_with_a_claimed_configuration_per_model():
    def row(task, model, seed, configuration, relational, reached="not reached", kept="no"):
        return {"source": "s", "model": model, "seed": seed, "task": task, "configuration": configuration,
                "steps": "1,000", "relational": relational, "steps to 90%": reached, "kept": kept}  # fmt: skip

    rung = [row(t, m, s, "4 slots, lr 0.001", "30.0%", kept="ladder") for t in ("4x2", "5x2", "4x16")
            for m in ("RMC", "LSTM") for s in "012"]  # fmt: skip
    learns_4x2 = [row("4x2", "RMC", s, "4 slots, lr 0.001, curriculum", r, n)
                  for s, r, n in (("0", "91.0%", "500"), ("1", "93.0%", "250"), ("2", "89.96%", "not reached"))]  # fmt: skip
    assert ladder.search_frontier(rung) == {"rmc": None, "lstm": None}  # no search run at all
    frontier = ladder.search_frontier(rung + learns_4x2)
    assert frontier["lstm"] is None and frontier["rmc"]["rung"] == "4x2", frontier
    (claimed,) = frontier["rmc"]["configurations"]
    assert claimed["change"] == "curriculum" and claimed["share_of_steps_to_90"] == [0.5, 0.25, None], claimed
    # a median of 89.96% is below the bar: nothing claimed on 5x2; 16 features rank above 2
    at_the_bar = [
        row("5x2", "RMC", s, "4 slots, lr 0.001, curriculum", r) for s, r in zip("012", ("95.0%", "89.96%", "20.0%"))
    ]
    assert ladder.search_frontier(rung + learns_4x2 + at_the_bar)["rmc"]["rung"] == "4x2"
    learns_5x2 = [row("5x2", "RMC", s, "4 slots, lr 0.001, curriculum", "91.0%", "900") for s in "012"]
    assert ladder.search_frontier(rung + learns_4x2 + learns_5x2)["rmc"]["rung"] == "5x2"
    big = [row("4x16", "RMC", s, "4 slots, lr 0.001, lr 3e-4", "92.0%", "900") for s in "012"]
    assert ladder.search_frontier(rung + learns_4x2 + learns_5x2 + big)["rmc"]["rung"] == "4x16"
    two_seeds = [row("5x2", "LSTM", s, "hidden 9, curriculum", "95.0%", "100") for s in "01"]
    assert ladder.search_frontier(rung + two_seeds)["lstm"] is None  # two seeds claim nothing


def test_paired_findings_put_both_models_side_by_side_on_the_same_change():
    def row(model, seed, configuration, relational, reached="not reached", kept="no"):
        return {"source": "s", "model": model, "seed": seed, "task": "5x2", "configuration": configuration,
                "steps": "1,000", "relational": relational, "steps to 90%": reached, "kept": kept}  # fmt: skip

    rung = [row(m, s, f"{m} base", "25.0%", kept="ladder") for m in ("RMC", "LSTM") for s in "012"]
    rmc = [row("RMC", s, "RMC base, curriculum", r) for s, r in zip("012", ("69.2%", "87.6%", "81.2%"))]
    lstm = [row("LSTM", s, "LSTM base, curriculum", r) for s, r in zip("012", ("35.3%", "95.0%", "30.0%"))]
    lstm[1]["steps to 90%"] = "500"
    only_rmc = [row("RMC", s, "RMC base, lr 3e-4", "30.0%") for s in "01"]
    record = {"rungs": [{"name": "5x2", "plateau_relational_accuracy": 0.25}]}
    (line,) = ladder.paired_findings(rung + rmc + lstm + only_rmc, record)  # lr 3e-4: RMC only, no pair
    assert line == (
        "5x2, curriculum, both models at the rung's budget: relational median RMC 81.2% [69.2%, 87.6%] over seeds "
        "0, 1, 2 (3 off the plateau, 0 reached 90%); LSTM 35.3% [30.0%, 95.0%] over seeds 0, 1, 2 (1 off the "
        "plateau, 1 reached 90%)"
    ), line
    assert ladder.paired_findings(rung + rmc + lstm[:1], record) == []  # one LSTM seed: not a seed set


def test_search_rows_print_a_value_on_its_side_of_the_bar():
    assert ladder.fmt_against(0.8996) == "89.96%" and ladder.fmt_against(0.899996) == "89.9996%"
    assert ladder.fmt_against(0.9004) == "90.0%" and ladder.fmt_against(0.3289) == "32.9%"
    assert ladder.fmt_against(0.9) == "90.0%" and ladder.fmt_against(0.94996) == "95.0%"


def test_search_findings_read_the_screens_against_the_rung_s_own_configuration(tmp_path):
    table = tmp_path / "search.md"
    header = (
        "| source | model | seed | task | configuration | budget | steps | relational | overall | steps to 90% "
        "| minutes to 90% | kept |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    rows = [
        "| runs/ladder/o5f2 | RMC | 0 | 5x2 | 4 slots, lr 0.001, clip - | 15 min | 100 | 25.0% | 40.0% | not reached | not reached | ladder |",
        "| runs/search/a | RMC | 0 | 5x2 | 4 slots, lr 0.003, clip - | 5 min | 50 | 24.8% | 39.0% | not reached | not reached | no |",
        "| runs/search/b | RMC | 0 | 5x2 | 5 slots, lr 0.001, clip - | 5 min | 50 | 93.1% | 95.0% | 40 | 4.0 | no |",
        "| runs/search/c | LSTM | 0 | 5x2 | hidden 126, lr 0.003 | 5 min | 50 | 25.1% | 40.0% | not reached | not reached | no |",
    ]
    table.write_text(header + "\n".join(rows) + "\n")
    found = ladder.read_search_table(table)
    assert [r["kept"] for r in found] == ["ladder", "no", "no", "no"] and found[2]["relational"] == "93.1%"
    ladder_record = {"rungs": [{"name": "5x2", "plateau_relational_accuracy": 0.25}]}
    rmc, lstm = ladder.search_findings(found, ladder_record)
    assert "2 search runs (seed 0)" in rmc and "1 of 2 reached 90% at an evaluation" in rmc, rmc
    assert "configuration (which got 25.0% on seed 0):" in rmc, rmc  # the rung's own run on the screens' seed
    assert rmc.index("5 slots 93.1% in 50 steps") < rmc.index("lr 0.003 24.8%"), rmc  # best first, by its change
    # no ladder row for the LSTM here: its whole configuration is the change; it stays on the plateau
    assert "none leaves the plateau (25.0%" in lstm and "hidden 126 and lr 0.003 25.1% in 50 steps" in lstm, lstm
    assert "which got" not in lstm
    assert ladder.search_findings(found[:1], ladder_record) == [
        "no search runs yet: every run in the table is a ladder rung"
    ]
