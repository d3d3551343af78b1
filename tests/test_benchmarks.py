"""The measuring tools in benchmarks/ and the shipped scaling table (rmc_course/assets/scaling/).

Nothing here times anything: the FLOP counts are checked against torch's own FLOP counter, the
memory tracer against allocations of known size, the fit against exact power laws, and the
shipped table against its documented schema.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest
import torch
from torch.utils.flop_counter import FlopCounterMode

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import bench_core  # noqa: E402
import scaling  # noqa: E402

from rmc_course import shipped  # noqa: E402
from rmc_ref import RelationalMemory  # noqa: E402
from rmc_ref import fast as rmc_ref_fast  # noqa: E402


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(input_size=7, mem_slots=3, head_size=5, num_heads=2),
        dict(
            input_size=7,
            mem_slots=3,
            head_size=5,
            num_heads=2,
            num_blocks=2,
            gate_style="memory",
            key_size=4,
            attention_mlp_layers=3,
        ),
        dict(input_size=7, mem_slots=3, head_size=5, num_heads=2, input_mode="tile", gate_style=None),
    ],
)
def test_rmc_flop_count_matches_torch_flop_counter_on_the_readable_path(kwargs):
    core = RelationalMemory(**kwargs)
    core.fast_path = False  # the readable path does every multiply the equations describe
    with FlopCounterMode(display=False) as counter:
        core(torch.randn(2, 7))
    assert counter.get_total_flops() == 2 * bench_core.rmc_flops_per_step(**kwargs)["total"]


def test_fast_path_executed_flops_and_the_chain_ceiling_count_what_they_claim():
    kwargs = dict(input_size=7, mem_slots=3, head_size=5, num_heads=2, num_blocks=2, key_size=4)
    core = RelationalMemory(**kwargs)
    assert core.fast_path and core.uses_fast_path()
    with FlopCounterMode(display=False) as counter:  # its module hooks would turn the fast path off
        rmc_ref_fast.unroll(core, torch.randn(2, 1, 7), core.initial_state(2))
    assert counter.get_total_flops() == 2 * bench_core.rmc_executed_flops_per_step(**kwargs)
    model = bench_core.rmc_flops_per_step(**kwargs)["total"]
    for mode, factor in (("fwd", 1), ("fwd+bwd", 3)):
        run, flops = bench_core.make_matmul_chain(2, mode, **kwargs)
        assert flops == factor * model * 2 * bench_core.STEPS
        with FlopCounterMode(display=False) as counter:
            run()
        assert counter.get_total_flops() == flops


def test_scaling_flop_formulas_match_torch_flop_counter():
    point = dict(mem_slots=3, num_heads=2, head_size=5, input_size=7, seq_len=4)
    core = RelationalMemory(7, 3, 5, 2)
    core.fast_path = False
    transformer = scaling.HistoryTransformer(7, 2, 5)
    x = torch.randn(1, 4, 7)
    with FlopCounterMode(display=False) as counter:
        core.unroll(x)
    assert counter.get_total_flops() == scaling.rmc_flops(**point)
    with FlopCounterMode(display=False) as counter:
        transformer(x)
    # the fused causal attention kernel hides from the counter: its T^2/2 pairs x (q.k and A v)
    # x F, by hand; the counter sees every projection and the feed-forward
    causal_attention = 2 * (4 * 4 // 2) * 2 * 10
    assert counter.get_total_flops() == scaling.transformer_flops(2, 5, 7, 4) - causal_attention
    # the LSTM's fused kernel hides from the counter: its four gates' two products, by hand
    assert scaling.lstm_flops(6, 7, 4) == 4 * 2 * (4 * 6 * 7 + 4 * 6 * 6)


def test_tensor_memory_peak_of_known_allocations():
    def run():
        a = torch.zeros(1000, 250)  # 1,000,000 bytes
        b = a + 1  # 2 MB alive
        del a
        c = b * 2  # still 2 MB alive at most
        return c.sum()

    assert scaling.peak_tensor_bytes(run) == 2_000_000 + 4  # + the 4-byte sum


def test_tensor_memory_counts_what_autograd_saves_until_backward_frees_it():
    weight = torch.randn(100, 100, requires_grad=True)

    def run():
        hidden = torch.tanh(torch.zeros(500, 100) @ weight)  # 200 kB, saved for tanh's backward
        loss = hidden.sum()
        del hidden  # the graph still holds it
        loss.backward()

    peak = scaling.peak_tensor_bytes(run)
    assert 400_000 <= peak < 1_000_000  # input + saved output (+ grads), never below them


def test_fit_exponent_recovers_power_laws():
    values = [1, 2, 4, 8, 16]
    assert scaling.fit_exponent(values, [3 * v**2 for v in values]) == pytest.approx(2)
    assert scaling.fit_exponent(values, [5.0] * 5) == pytest.approx(0)
    assert scaling.fit_exponent([4], [1.0]) is None
    assert scaling.fit_exponent(values, [0, 0, 0, 0, 0]) is None


# ------------------------------------------------------------------------------------------
# the shipped table
# ------------------------------------------------------------------------------------------
def test_shipped_scaling_table_follows_its_schema():
    table = shipped.load_scaling()
    assert table["schema_version"] == 1
    assert table["models"] == ["rmc", "lstm", "transformer"] and table["modes"] == ["train", "forward"]
    keys = {"slots": "mem_slots", "heads": "num_heads", "seq_len": "seq_len"}
    assert set(table["sweeps"]) == set(keys)
    for sweep, values in table["sweeps"].items():
        for model in table["models"]:
            for mode in table["modes"]:
                rows = shipped.scaling_rows(sweep, model, mode)
                assert [r["value"] for r in rows] == values
                for row in rows:
                    assert row[keys[sweep]] == row["value"]
                    assert row["time_s"] > 0 and row["peak_bytes"] > 0 and row["flops"] > 0
                    assert row["time_min_s"] <= row["time_s"] <= row["time_max_s"]
                for quantity in ("time", "memory"):
                    exponent = shipped.scaling_exponent(sweep, model, mode, quantity, tail=False)
                    assert exponent is not None and math.isfinite(exponent)


def test_shipped_scaling_table_shows_what_lesson_07_teaches():
    # memory is measured exactly (traced), so these hold on any machine
    assert shipped.scaling_exponent("slots", "lstm", "train", "memory") == pytest.approx(0, abs=0.01)
    assert shipped.scaling_exponent("slots", "rmc", "train", "memory") > 0.8
    assert shipped.scaling_exponent("seq_len", "rmc", "train", "memory") == pytest.approx(1, abs=0.1)
    # a recurrent model's state does not grow with the sequence; the transformer's history does
    rmc = shipped.scaling_rows("seq_len", "rmc", "forward")
    transformer = shipped.scaling_rows("seq_len", "transformer", "forward")
    assert len({r["state_floats"] for r in rmc}) == 1
    assert transformer[-1]["state_floats"] == transformer[0]["state_floats"] * 64


def test_scaling_rows_rejects_unknown_names():
    with pytest.raises(ValueError, match="'slots'"):
        shipped.scaling_rows("slot")
    with pytest.raises(ValueError, match="'transformer'"):
        shipped.scaling_rows(model="gru")
    with pytest.raises(ValueError, match="no fitted curve"):
        shipped.scaling_exponent("slots", "rmc", "train", "energy")


def test_search_steps_scale_the_rung_s_quiet_budget_by_the_measured_cost_ratio(monkeypatch, capsys):
    import search_steps

    seen = []

    def costs(configs, kind):  # the rung's config first, then the changed one: a changed step twice as dear
        seen.append((kind, configs[0].mem_slots, configs[1].mem_slots, configs[1].head_hidden))
        return [0.010, 0.020]

    monkeypatch.setattr(search_steps, "interleaved_costs", costs)
    ladder = shipped.asset_path("ladder", "ladder.json")
    rung = next(r for r in json.loads(ladder.read_text())["rungs"] if r["name"] == "5x2")
    assert search_steps.main(["--rung", "5x2", "--model", "rmc", "--minutes", "5", "--set", "mem_slots=5"]) == 0
    quiet = rung["steps"]["rmc"] * 5 * 60 / rung["budget_seconds"]
    assert int(capsys.readouterr().out) == round(quiet / 2)
    assert seen == [("rmc", rung["config"]["mem_slots"], 5, rung["config"]["head_hidden"])]
    assert search_steps.parse_value("[512]") == [512] and search_steps.parse_value("unit") == "unit"
    with pytest.raises(SystemExit):
        search_steps.main(["--rung", "5x2", "--model", "rmc", "--set", "not_a_setting=1"])


def test_ladder_speed_scales_the_frontier_rung_s_minutes_by_the_median_cost_ratio(monkeypatch, tmp_path, capsys):
    import ladder_speed

    ladder = json.loads(shipped.asset_path("ladder", "ladder.json").read_text())
    rung = ladder_speed.pick_rung(ladder)  # the RMC's frontier: the largest rung whose median reaches 90%
    assert rung["name"] == shipped_frontier(ladder)
    timings = [  # readable 1.5x, 2x and 1.2x the fast path's cost: median 1.5
        {"fast": 0.010, "readable": 0.015, "lstm": 0.002},
        {"fast": 0.010, "readable": 0.020, "lstm": 0.003},
        {"fast": 0.020, "readable": 0.024, "lstm": 0.005},
    ]
    result = ladder_speed.savings(rung, timings)
    minutes = sorted(m if m is not None else math.inf for m in rung["rmc"]["minutes_to_90"])[1]
    assert result["readable_over_fast"] == {"median": 1.5, "min": 1.2, "max": 2.0}
    assert result["lstm_over_fast"]["median"] == pytest.approx(0.25)
    assert result["rmc_minutes_to_90"]["readable"] == pytest.approx(1.5 * minutes)
    assert result["rmc_minutes_saved_by_fast_path"] == pytest.approx(0.5 * minutes)
    assert "the fast path saves" in ladder_speed.report(result)
    # a seed that never reached counts as infinitely slow; a median "not reached" leaves nothing to save
    assert (
        ladder_speed.median_minutes([1.0, None, 3.0]) == 3.0 and ladder_speed.median_minutes([1.0, None, None]) is None
    )
    stuck = {**rung, "rmc": {**rung["rmc"], "minutes_to_90": [None, None, 2.0]}}
    assert ladder_speed.savings(stuck, timings)["rmc_minutes_saved_by_fast_path"] is None
    assert "no minutes to save" in ladder_speed.report(ladder_speed.savings(stuck, timings))
    with pytest.raises(ValueError, match="no rung '9x9'"):
        ladder_speed.pick_rung(ladder, "9x9")
    # the command line times the paths (here: a stand-in) and writes what it printed
    monkeypatch.setattr(ladder_speed, "time_paths", lambda rung, rounds: timings[0])
    out = tmp_path / "speed.json"
    assert ladder_speed.main(["--timings", "2", "--json", str(out)]) == 0
    assert json.loads(out.read_text())["readable_over_fast"]["median"] == 1.5
    assert "| RMC readable path | 1.50 [1.50, 1.50] |" in capsys.readouterr().out


def shipped_frontier(ladder) -> str:
    from rmc_course.ladder import ladder_frontier

    return ladder_frontier(ladder)["rmc"]
