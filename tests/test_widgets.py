"""Instructor demos without a browser (rmc_course.demos.data, the demo figures in rmc_ref.viz,
rmc_course.demos.widgets): for given control values each demo's figure shows the expected numbers, and
moving a control changes them to the numbers of the new setting.

A tiny RMC checkpoint (2 blocks, 2 heads, 3 slots, trained 4 steps) is made in a tmp dir, so the
tests need no shipped artefact.
"""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
import torch
from matplotlib.figure import Figure

from rmc_course.demos import data as demo_data
from rmc_course.demos import widgets
from rmc_ref.core import RelationalMemory
from rmc_ref.train import TrainConfig, make_task, make_test_set, save_checkpoint, train_one
from rmc_ref.viz import plot_attention_map, plot_attention_sharpness, plot_cost, plot_memory_step, plot_memory_survival

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TINY = TrainConfig(
    num_objects=5,
    num_features=3,
    mem_slots=3,
    head_size=4,
    num_heads=2,
    num_blocks=2,
    head_hidden=[8],
    steps=4,
    batch_size=8,
    eval_every=2,
    test_size=16,
)


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    task = make_task(TINY)
    model, history = train_one("rmc", task, TINY, seed=1)
    path = tmp_path_factory.mktemp("ckpt") / "rmc_seed1.pt"
    save_checkpoint(path, "rmc", model, TINY, history, seed=1)
    return path, model


def images(figure: Figure) -> list[np.ndarray]:
    """The image arrays of every axes that shows one, in axes order."""
    return [np.asarray(ax.images[0].get_array()) for ax in figure.axes if ax.images]


def softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# ---------------------------------------------------------------------------------------------
# (a) attention sharpness


def test_toy_attention_is_softmax_of_scaled_scores_over_temperature():
    # internal on purpose: the demo's fixed random slots and projections, which no public name returns
    memory, w_query, w_key = demo_data._toy_memory_and_projections(0)
    q = np.einsum("nd,hdk->hnk", memory.numpy(), w_query[:3].numpy())  # [H, N, d_k]
    k = np.einsum("nd,hdk->hnk", memory.numpy(), w_key[:3].numpy())  # [H, N, d_k]
    scores = q @ k.transpose(0, 2, 1)  # [H, N, N]
    d_k = q.shape[-1]
    np.testing.assert_allclose(demo_data.toy_attention(0.5, 3), softmax(scores / math.sqrt(d_k) / 0.5), rtol=1e-10)
    np.testing.assert_allclose(demo_data.toy_attention(2.0, 3, scaled=False), softmax(scores / 2.0), rtol=1e-10)
    # nested heads: 2 heads are the first 2 of 3
    np.testing.assert_allclose(demo_data.toy_attention(1.0, 2), demo_data.toy_attention(1.0, 3)[:2], rtol=1e-12)


def test_lower_temperature_and_no_scaling_sharpen_attention():
    entropy = [demo_data.attention_entropy(demo_data.toy_attention(t, 2)).mean() for t in (0.1, 1.0, 10.0)]
    assert entropy[0] < entropy[1] < entropy[2] <= math.log(demo_data.TOY_SLOTS) + 1e-12
    assert entropy[2] > 0.95 * math.log(demo_data.TOY_SLOTS)  # nearly uniform
    unscaled = demo_data.attention_entropy(demo_data.toy_attention(1.0, 2, scaled=False)).mean()
    assert unscaled < entropy[1]
    assert demo_data.attention_entropy(np.eye(4)).tolist() == [0.0] * 4
    np.testing.assert_allclose(demo_data.attention_entropy(np.full((2, 4), 0.25)), [math.log(4)] * 2)


@pytest.mark.parametrize("bad", [0, -1.0, float("nan"), "hot"])
def test_toy_attention_rejects_bad_temperature(bad):
    with pytest.raises(ValueError, match="temperature"):
        demo_data.toy_attention(bad, 2)


def test_sharpness_demo_shows_the_weights_and_follows_its_controls():
    demo = widgets.attention_sharpness_demo(temperature=1.0, num_heads=2)
    assert demo.error is None and demo.image.value[:8] == PNG_SIGNATURE
    shown = images(demo.figure)
    assert len(shown) == 2
    for head, image in enumerate(shown):
        np.testing.assert_allclose(image, demo_data.toy_attention(1.0, 2)[head], rtol=1e-6, atol=1e-7)
    first_png = demo.image.value

    demo.controls["temperature"].value = 0.1
    shown = images(demo.figure)
    np.testing.assert_allclose(shown[0], demo_data.toy_attention(0.1, 2)[0], rtol=1e-6, atol=1e-7)
    assert not np.allclose(shown[0], demo_data.toy_attention(1.0, 2)[0], atol=1e-3)
    assert demo.image.value != first_png
    assert "T = 0.1" in demo.figure.get_suptitle()

    demo.controls["num_heads"].value = 4
    assert len(images(demo.figure)) == 4
    demo.controls["scaled"].value = False
    np.testing.assert_allclose(
        images(demo.figure)[3], demo_data.toy_attention(0.1, 4, scaled=False)[3], rtol=1e-6, atol=1e-7
    )
    assert "NOT" in demo.figure.get_suptitle()


def test_static_sharpness_figure_matches_the_demo():
    figure = widgets.attention_sharpness_figure(temperature=0.3, num_heads=3)
    assert [ax.get_title().split("\n")[0] for ax in figure.axes[:3]] == ["head 0", "head 1", "head 2"]
    np.testing.assert_allclose(images(figure)[2], demo_data.toy_attention(0.3, 3)[2], rtol=1e-6, atol=1e-7)
    entropy = demo_data.attention_entropy(demo_data.toy_attention(0.3, 3)[1]).mean()
    assert f"entropy {entropy:.2f}" in figure.axes[1].get_title()


# ---------------------------------------------------------------------------------------------
# (b) attention maps of a trained RMC, (d) stepping through time


def test_trace_matches_the_model_run_directly(checkpoint):
    path, model = checkpoint
    trace = demo_data.rmc_trace(path, num_examples=6, seed=1)
    task = make_task(TINY)
    inputs, labels = make_test_set(task, 6, 1)
    with torch.no_grad():
        logits, attention = model(inputs, return_attention=True)  # [E, C], [E, T, blocks, H, Nq, Nk]
        outputs, _ = model.core.unroll(inputs)  # [E, T, N*F]
    assert trace.attention.shape == (6, 5, 2, 2, 4, 4)
    np.testing.assert_allclose(trace.attention, attention.numpy(), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(trace.memory[:, 1:].reshape(6, 5, -1), outputs.numpy(), rtol=1e-6, atol=1e-7)
    np.testing.assert_array_equal(trace.memory[:, 0], model.core.initial_state(6).numpy())
    np.testing.assert_array_equal(trace.predictions, logits.argmax(-1).numpy())
    np.testing.assert_array_equal(trace.labels, labels.numpy())
    assert trace.questions[2] == task.describe(inputs, labels, 2)
    assert demo_data.rmc_trace(path, num_examples=6, seed=1) is trace  # cached


def test_attention_maps_figure_shows_the_chosen_map(checkpoint):
    path, _ = checkpoint
    trace = demo_data.rmc_trace(path, num_examples=16)
    figure = widgets.attention_maps_figure(path, example=3, head=1, block=1, step=2)
    (image,) = images(figure)
    np.testing.assert_allclose(image, trace.attention[3, 2, 1, 1], rtol=1e-6, atol=1e-7)
    title = figure.axes[0].get_title()
    assert trace.questions[3] in title and "step 2" in title and "block 1, head 1" in title
    # the default step is the last one, where the answer is read out
    (image,) = images(widgets.attention_maps_figure(path, example=3))
    np.testing.assert_allclose(image, trace.attention[3, -1, 0, 0], rtol=1e-6, atol=1e-7)
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert texts[0] == f"{trace.attention[3, 2, 1, 1, 0, 0]:.2f}"
    assert [t.get_text() for t in figure.axes[0].get_xticklabels()][-1] == "input"


def test_attention_maps_demo_follows_every_control(checkpoint):
    path, _ = checkpoint
    trace = demo_data.rmc_trace(path, num_examples=16)
    demo = widgets.attention_maps_demo(path)
    assert set(demo.controls) == {"example", "block", "head", "step"}
    assert demo.controls["step"].max == 4 and demo.controls["step"].value == 4
    assert demo.controls["head"].max == 1 and demo.controls["block"].max == 1 and demo.controls["example"].max == 15
    expected = {"example": 0, "block": 0, "head": 0, "step": 4}
    for name, value in (("head", 1), ("block", 1), ("step", 0), ("example", 7)):
        before = images(demo.figure)[0]
        demo.controls[name].value = value
        expected[name] = value
        after = images(demo.figure)[0]
        e, b, h, t = expected["example"], expected["block"], expected["head"], expected["step"]
        np.testing.assert_allclose(after, trace.attention[e, t, b, h], rtol=1e-6, atol=1e-7)
        assert not np.allclose(before, after), f"moving {name} did not change the map"


def test_memory_steps_figure_shows_memory_before_attention_and_after(checkpoint):
    path, _ = checkpoint
    trace = demo_data.rmc_trace(path, num_examples=16)
    figure = widgets.memory_steps_figure(path, example=2, step=3, block=1)
    shown = images(figure)
    assert len(shown) == 2 + 2  # memory before, 2 heads, memory after
    np.testing.assert_allclose(shown[0], trace.memory[2, 3], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(shown[1], trace.attention[2, 3, 1, 0], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(shown[2], trace.attention[2, 3, 1, 1], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(shown[3], trace.memory[2, 4], rtol=1e-6, atol=1e-7)
    assert f"reads object {trace.object_ids[2, 3]}" in figure.get_suptitle()


def test_memory_steps_demo_steps_through_time_and_has_play(checkpoint):
    path, _ = checkpoint
    trace = demo_data.rmc_trace(path, num_examples=16)
    demo = widgets.memory_steps_demo(path)
    play = demo.extra["play"]
    assert (play.min, play.max) == (0, trace.num_steps - 1) == (demo.controls["step"].min, demo.controls["step"].max)
    for step in (1, 2, 4):
        demo.controls["step"].value = step
        shown = images(demo.figure)
        np.testing.assert_allclose(shown[0], trace.memory[0, step], rtol=1e-6, atol=1e-7)
        np.testing.assert_allclose(shown[-1], trace.memory[0, step + 1], rtol=1e-6, atol=1e-7)
    figure_at_4 = demo.figure
    demo.controls["step"].value = 1
    demo.controls["step"].value = 4
    assert demo.figure is figure_at_4  # drawn once, replayed from the cache


def test_trained_demos_need_an_rmc_checkpoint(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        widgets.attention_maps_figure(tmp_path / "missing.pt")
    task = make_task(TINY)
    lstm, history = train_one("lstm", task, TINY.__class__(**{**TINY.to_dict(), "steps": 1}), seed=0)
    path = save_checkpoint(tmp_path / "lstm.pt", "lstm", lstm, TINY, history, seed=0)
    with pytest.raises(ValueError, match="RMC checkpoint"):
        demo_data.rmc_trace(path)


def test_bad_index_is_shown_not_raised_and_the_figure_stays(checkpoint):
    path, _ = checkpoint
    demo = widgets.attention_maps_demo(path)
    figure = demo.figure
    demo.render = lambda **values: widgets.attention_maps_figure(path, **{**values, "head": 9})
    demo.controls["step"].value = 1
    assert demo.figure is figure
    assert "head must be an integer in [0, 2)" in demo.error and "head must be" in demo.status.value


# ---------------------------------------------------------------------------------------------
# (c) gating


def test_gate_survival_kept_is_the_product_of_forget_gates():
    curves = demo_data.gate_survival(forget_bias=1.0, gate_style="unit", steps=3)
    torch.manual_seed(0)
    core = RelationalMemory(
        demo_data.GATE_DEMO_INPUT,
        demo_data.GATE_DEMO_SLOTS,
        demo_data.GATE_DEMO_HEAD,
        num_heads=demo_data.GATE_DEMO_HEADS,
        forget_bias=1.0,
    ).double()
    generator = torch.Generator().manual_seed(1)
    inputs = torch.randn(
        demo_data.GATE_DEMO_BATCH, 3, demo_data.GATE_DEMO_INPUT, generator=generator, dtype=torch.float64
    )
    memory = start = core.initial_state(demo_data.GATE_DEMO_BATCH)
    product = torch.ones(())
    with torch.no_grad():
        for t in range(3):
            projected = core.input_projection.linear(inputs[:, t])
            from_both = core.gates.memory_to_gates(torch.tanh(memory)) + core.gates.input_to_gates(projected)[:, None]
            forget = torch.sigmoid(from_both[..., core.mem_size :] + 1.0)  # [B, N, F]
            product = product * forget
            memory = core(inputs[:, t], memory)[1]
            assert curves["kept"][t + 1] == pytest.approx(float(product.mean()), rel=1e-12)
            assert curves["forget_gate"][t + 1] == pytest.approx(float(forget.mean()), rel=1e-12)
            cosine = (memory * start).sum(-1) / memory.norm(dim=-1) / start.norm(dim=-1)
            assert curves["similarity"][t + 1] == pytest.approx(float(cosine.mean()), rel=1e-10)
    assert curves["kept"][0] == 1.0 and curves["similarity"][0] == pytest.approx(1.0)


def test_higher_forget_bias_keeps_more_memory_and_no_gates_keep_nothing_to_measure():
    low, high = (demo_data.gate_survival(b, "memory", 20) for b in (-2.0, 4.0))
    assert np.all(np.diff(high["kept"]) <= 0)  # a product of numbers in (0, 1)
    assert high["kept"][-1] > 0.3 > 0.01 > low["kept"][5]
    assert high["similarity"][10] > low["similarity"][10]
    none = demo_data.gate_survival(1.0, None, 5)
    assert np.isnan(none["kept"]).all() and np.isnan(none["forget_gate"]).all()
    assert np.isfinite(none["similarity"]).all()
    with pytest.raises(ValueError, match="gate_style"):
        demo_data.gate_survival(1.0, "cell", 5)


def test_gating_demo_redraws_the_chosen_curve():
    demo = widgets.gating_demo(forget_bias=1.0, gate_style="unit", steps=10)
    kept_ax, similar_ax = demo.figure.axes[:2]

    def bold(ax):
        (line,) = [line for line in ax.get_lines() if line.get_linewidth() > 2]
        return line

    assert bold(kept_ax).get_label() == "gate_style=unit"
    np.testing.assert_allclose(bold(kept_ax).get_ydata(), demo_data.gate_survival(1.0, "unit", 10)["kept"])
    demo.controls["forget_bias"].value = 4.0
    kept_ax, similar_ax = demo.figure.axes[:2]
    np.testing.assert_allclose(bold(kept_ax).get_ydata(), demo_data.gate_survival(4.0, "unit", 10)["kept"])
    np.testing.assert_allclose(bold(similar_ax).get_ydata(), demo_data.gate_survival(4.0, "unit", 10)["similarity"])
    demo.controls["gate_style"].value = "none"
    assert bold(demo.figure.axes[1]).get_label() == "gate_style=none (no gates)"
    np.testing.assert_allclose(
        bold(demo.figure.axes[1]).get_ydata(), demo_data.gate_survival(4.0, None, 10)["similarity"]
    )
    demo.controls["steps"].value = 20
    assert len(bold(demo.figure.axes[1]).get_xdata()) == 21


# ---------------------------------------------------------------------------------------------
# pure figure functions: shape contracts


def test_demo_figures_reject_wrong_shapes():
    with pytest.raises(ValueError, match=r"must have shape \[H, N, N\]"):
        plot_attention_sharpness(np.ones((3, 3)))
    with pytest.raises(ValueError, match=r"must have shape \[Nq, Nk\]"):
        plot_attention_map(np.ones((2, 3, 3)))
    with pytest.raises(ValueError, match=r"memory_after must have shape \[3, 4\]"):
        plot_memory_step(np.ones((3, 4)), np.ones((2, 4, 4)), np.ones((3, 5)))
    with pytest.raises(ValueError, match="'step', 'kept' and 'similarity'"):
        plot_memory_survival({"a": {"step": [0, 1], "kept": [1.0], "similarity": [1.0, 0.5]}})
    with pytest.raises(ValueError, match="highlight"):
        plot_memory_survival({"a": {"step": [0], "kept": [1.0], "similarity": [1.0]}}, highlight="b")


# ---------------------------------------------------------------------------------------------
# (e) cost explorer


@pytest.fixture(scope="module")
def scaling_json(tmp_path_factory):
    """A small table in the schema of benchmarks/scaling.py (rmc_course/assets/README.md)."""
    base = {"mem_slots": 4, "num_heads": 2, "head_size": 8, "input_size": 5, "seq_len": 8, "batch": 2}
    sweeps = {"slots": [2, 4, 8], "seq_len": [4, 8, 16, 32]}
    rows, fits = [], []
    for sweep, values in sweeps.items():
        key = {"slots": "mem_slots", "seq_len": "seq_len"}[sweep]
        for mode_index, mode in enumerate(("train", "forward")):
            for model_index, model in enumerate(("rmc", "lstm", "transformer")):
                for value in values:
                    rows.append(
                        {
                            "sweep": sweep,
                            "value": value,
                            "model": model,
                            "mode": mode,
                            "time_s": (model_index + 1) * value * 1e-3 / (mode_index + 1),
                            "peak_bytes": 0 if model == "lstm" else (model_index + 2) * value * 2**20,
                            **dict(base, **{key: value}),
                        }
                    )
                for quantity in ("time", "memory"):
                    fits.append(
                        {
                            "sweep": sweep,
                            "model": model,
                            "mode": mode,
                            "quantity": quantity,
                            "exponent": 1.0,
                            "exponent_tail": 1.0 + model_index / 10,
                        }
                    )
    data = {
        "schema_version": 1,
        "base": base,
        "sweeps": sweeps,
        "models": ["rmc", "lstm", "transformer"],
        "modes": ["train", "forward"],
        "rows": rows,
        "fits": fits,
    }
    path = tmp_path_factory.mktemp("scaling") / "scaling.json"
    path.write_text(__import__("json").dumps(data))
    return path


def lines(ax) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    return {
        line.get_label(): (np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float))
        for line in ax.get_lines()
        if not line.get_label().startswith("_")
    }


def test_cost_curves_read_the_table(scaling_json):
    curves = demo_data.cost_curves(demo_data.load_scaling(scaling_json), "seq_len", "forward")
    assert list(curves) == ["rmc", "lstm", "transformer"]
    np.testing.assert_allclose(curves["lstm"]["x"], [4, 8, 16, 32])
    np.testing.assert_allclose(curves["lstm"]["time"], [2 * v * 1e-3 / 2 * 1e3 for v in (4, 8, 16, 32)])
    np.testing.assert_allclose(curves["transformer"]["memory"], [4 * v for v in (4, 8, 16, 32)])
    assert np.isnan(curves["lstm"]["memory"]).all()  # measured 0 bytes: nothing to draw on a log axis
    assert curves["transformer"]["time_exponent"] == pytest.approx(1.2)
    with pytest.raises(ValueError, match="sweep must be one of"):
        demo_data.cost_curves(demo_data.load_scaling(scaling_json), "heads")


def test_cost_figure_plots_the_measured_points(scaling_json):
    figure = widgets.cost_figure(scaling_json, vary="slots", mode="train", at=8)
    time_ax, memory_ax = figure.axes[:2]
    time_lines = lines(time_ax)
    assert set(time_lines) == {"rmc (~ x^1.00)", "lstm (~ x^1.10)", "transformer (~ x^1.20)"}
    x, y = time_lines["transformer (~ x^1.20)"]
    np.testing.assert_allclose(x, [2, 4, 8])
    np.testing.assert_allclose(y, [3 * v for v in (2, 4, 8)])  # ms
    assert set(lines(memory_ax)) == {"rmc (~ x^1.00)", "transformer (~ x^1.20)"}  # lstm read 0 bytes
    vertical = [line for line in time_ax.get_lines() if line.get_label().startswith("_")]
    assert [float(np.asarray(line.get_xdata())[0]) for line in vertical] == [8.0]
    assert "at 8: rmc 8 ms, 16 MiB; lstm 16 ms, n/a; transformer 24 ms, 32 MiB" in figure.get_suptitle()


def test_cost_demo_follows_sweep_mode_and_point(scaling_json):
    demo = widgets.cost_demo(scaling_json)
    assert demo.values() == {"vary": "seq_len", "mode": "train", "at": 8}  # the base value
    assert lines(demo.figure.axes[0])["rmc (~ x^1.00)"][0].tolist() == [4, 8, 16, 32]
    demo.controls["mode"].value = "forward"
    np.testing.assert_allclose(lines(demo.figure.axes[0])["rmc (~ x^1.00)"][1], [v / 2 for v in (4, 8, 16, 32)])
    demo.controls["vary"].value = "slots"
    assert demo.controls["at"].options == (2, 4, 8) and demo.values()["at"] == 4
    assert lines(demo.figure.axes[0])["rmc (~ x^1.00)"][0].tolist() == [2, 4, 8]
    demo.controls["at"].value = 2
    assert "at 2: rmc 1 ms" in demo.figure.get_suptitle()
    assert demo.error is None


def test_cost_figure_rejects_ragged_series():
    with pytest.raises(ValueError, match="'x', 'time' and 'memory' must have the same shape"):
        plot_cost({"rmc": {"x": [1, 2], "time": [1.0]}}, "T")
    with pytest.raises(ValueError, match="needs the array 'time'"):
        plot_cost({"rmc": {"x": [1, 2]}}, "T")
