"""What a learner sees in each figure of rmc_ref.viz, as plain data, and the reviewed copy of it.

``describe(fig)`` turns a matplotlib ``Figure`` into a dict of everything drawn on it (figure size,
titles, axis labels, limits, scales, ticks and their labels, every line, band, marker, bar,
image and text with its data and its style, the legends), rounded to 6 significant digits, so
two figures compare without rendering pixels. ``CASES`` draws each figure function of
rmc_ref.viz on small fixed inputs; ``tests/golden/viz_figures.json`` holds the descriptions of
those figures as reviewed (the lessons' figures at the commit named in docs/mutation.md).
tests/test_viz.py compares them. After a deliberate change to a figure, look at
the new figure, then rewrite the file:

    .venv/bin/python tests/support/figure_spec.py --write
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
from matplotlib import colors as mcolors

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "viz_figures.json"


def _num(value):
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return float(f"{value:.6g}")


def _data(values):
    array = np.asarray(values, dtype=float)
    if array.ndim == 0:
        return _num(array)
    return [_data(v) for v in array]


def _color(value):
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return mcolors.to_hex(value, keep_alpha=True)
    if array.ndim == 2:
        return [mcolors.to_hex(c, keep_alpha=True) for c in array]
    return mcolors.to_hex(value, keep_alpha=True)


def _text(text):
    return {
        "text": text.get_text(),
        "size": _num(text.get_fontsize()),
        "color": _color(text.get_color()),
        "ha": text.get_horizontalalignment(),
        "va": text.get_verticalalignment(),
        "rotation": _num(text.get_rotation()),
        "position": _data(text.get_position()),
    }


def _ticklabels(labels):
    return {"texts": [t.get_text() for t in labels], "first": _text(labels[0]) if labels else None}


def _formatted(axis):
    major, minor = axis.get_major_formatter(), axis.get_minor_formatter()
    values = (0.5, 1.0, 2.0, 3.0, 4.0, 5.0, 7.0, 20.0, 30.0)
    return {"major": [major(v, 0) for v in values], "minor": [minor(v, 0) for v in values]}


def _tick_kw(axis, which):
    kw = getattr(axis, f"_{which}_tick_kw")
    return {
        key: (_num(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value)
        for key, value in sorted(kw.items())
    }


def _axes(ax):
    out = {
        "position": [round(v, 3) for v in ax.get_position(original=True).bounds],
        "title": _text(ax.title),
        "xlabel": _text(ax.xaxis.label),
        "ylabel": _text(ax.yaxis.label),
        "xlim": _data(ax.get_xlim()),
        "ylim": _data(ax.get_ylim()),
        "xscale": ax.get_xscale(),
        "yscale": ax.get_yscale(),
        "aspect": str(ax.get_aspect()),
        "adjustable": ax.get_adjustable(),
        "xticks": _data(ax.get_xticks()),
        "yticks": _data(ax.get_yticks()),
        "xticklabels": _ticklabels(ax.get_xticklabels()),
        "yticklabels": _ticklabels(ax.get_yticklabels()),
        "xtick_kw": [_tick_kw(ax.xaxis, "major"), _tick_kw(ax.xaxis, "minor")],
        "ytick_kw": [_tick_kw(ax.yaxis, "major"), _tick_kw(ax.yaxis, "minor")],
        "lines": [],
        "collections": [],
        "patches": [],
        "images": [],
        "texts": [],
        "legend": None,
    }
    if ax.get_xscale() == "log" or ax.get_yscale() == "log":
        out["formatters"] = {"x": _formatted(ax.xaxis), "y": _formatted(ax.yaxis)}
    for line in ax.get_lines():
        out["lines"].append(
            {
                "label": line.get_label(),
                "x": _data(line.get_xdata()),
                "y": _data(line.get_ydata()),
                "color": _color(line.get_color()),
                "ls": line.get_linestyle(),
                "lw": _num(line.get_linewidth()),
                "alpha": line.get_alpha(),
                "marker": str(line.get_marker()),
                "ms": _num(line.get_markersize()),
                "zorder": _num(line.get_zorder()),
                "drawstyle": line.get_drawstyle(),
                "visible": line.get_visible(),
            }
        )
    for collection in ax.collections:
        if type(collection).__name__ == "QuadMesh":  # a colorbar's gradient: its cmap and limits show elsewhere
            out["collections"].append(
                {"type": "QuadMesh", "cmap": collection.get_cmap().name, "clim": _data(collection.get_clim())}
            )
            continue
        item = {
            "type": type(collection).__name__,
            "label": collection.get_label(),
            "alpha": collection.get_alpha(),
            "zorder": _num(collection.get_zorder()),
            "facecolors": _color(collection.get_facecolors()),
            "edgecolors": _color(collection.get_edgecolors()),
            "linewidths": _data(collection.get_linewidths()),
            "hatch": collection.get_hatch(),
        }
        if hasattr(collection, "get_sizes") and collection.get_sizes() is not None:
            item["sizes"] = _data(collection.get_sizes())
        if type(collection).__name__ == "PathCollection":
            item["offsets"] = _data(collection.get_offsets())
            item["marker_paths"] = [_data(p.vertices) for p in collection.get_paths()]
        elif hasattr(collection, "get_segments"):
            item["segments"] = [_data(s) for s in collection.get_segments()]
        else:
            item["paths"] = [_data(p.vertices) for p in collection.get_paths()]
        out["collections"].append(item)
    for patch in ax.patches:
        item = {
            "type": type(patch).__name__,
            "label": patch.get_label(),
            "fill": patch.get_fill(),
            "facecolor": _color(patch.get_facecolor()),
            "edgecolor": _color(patch.get_edgecolor()),
            "lw": _num(patch.get_linewidth()),
            "hatch": patch.get_hatch(),
        }
        if hasattr(patch, "get_xy") and hasattr(patch, "get_width"):
            item["xywh"] = _data([*patch.get_xy(), patch.get_width(), patch.get_height()])
        out["patches"].append(item)
    for image in ax.get_images():
        out["images"].append(
            {
                "array": _data(image.get_array()),
                "cmap": image.get_cmap().name,
                "clim": _data(image.get_clim()),
                "interpolation": image.get_interpolation(),
            }
        )
    for text in ax.texts:
        item = _text(text)
        if hasattr(text, "xyann"):
            item.update(xyann=_data(text.xyann), anncoords=str(text.anncoords), xy=_data(text.xy))
        out["texts"].append(item)
    legend = ax.get_legend()
    if legend is not None:
        out["legend"] = {
            "texts": [t.get_text() for t in legend.get_texts()],
            "size": _num(legend.get_texts()[0].get_fontsize()) if legend.get_texts() else None,
            "loc": legend._loc,
            "title": _text(legend.get_title()),
        }
    return out


def describe(fig) -> dict:
    engine = fig.get_layout_engine()
    out = {
        "size": _data(fig.get_size_inches()),
        "layout": type(engine).__name__ if engine else None,
        "suptitle": _text(fig._suptitle) if fig._suptitle is not None else None,
        "axes": [_axes(ax) for ax in fig.axes],
    }
    if engine is None:
        params = fig.subplotpars
        out["subplotpars"] = _data([params.left, params.right, params.bottom, params.top, params.wspace, params.hspace])
    return out


def differences(expected, actual, path="") -> list[str]:
    """Paths where two descriptions differ (the first few are enough to see what changed)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        found = [f"{path}.{key}: only in one" for key in sorted(set(expected) ^ set(actual))]
        for key in sorted(set(expected) & set(actual)):
            found += differences(expected[key], actual[key], f"{path}.{key}")
        return found
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{path}: {len(expected)} items, now {len(actual)}"]
        return [d for i, (e, a) in enumerate(zip(expected, actual)) for d in differences(e, a, f"{path}[{i}]")]
    return [] if expected == actual else [f"{path}: {expected!r} -> {actual!r}"]


# ---------------------------------------------------------------------------------------------
# the figures: every function of rmc_ref.viz on small fixed inputs (distinct sizes and values)


def _torch():
    import torch

    return torch


def _rng(seed):
    return np.random.default_rng(seed)


def _softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _history(offset):
    return {
        "step": [2, 4, 6],
        "train_loss": [2.0 - offset, 1.5, 1.1 + offset],
        "test_loss": [2.1, 1.6 - offset, 1.3],
        "train_acc": [0.1 + offset, 0.3, 0.45],
        "test_acc": [0.15, 0.25 + offset, 0.5 - offset],
    }


def _sweep_history(offset):
    return {
        "step": [5, 10, 15],
        "seconds": [30.0 + offset, 60.0, 95.0 + 2 * offset],
        "test_acc": [0.2 + offset, 0.4, 0.7 - offset],
        "test_rel_acc": [0.1, 0.3 + offset, 0.6],
    }


def _cases():
    from rmc_ref import viz

    attention = _softmax(_rng(1).normal(size=(2, 3, 3)))  # [H, Nq, Nk]
    over_time = _softmax(_rng(2).normal(size=(3, 2, 2, 3, 3)))  # [T, blocks, H, Nq, Nk]
    vectors4 = _rng(3).normal(size=(4, 3))  # [T, F], F > 2: PCA
    vectors3 = _rng(4).normal(size=(3, 2))
    vectors2 = _rng(5).normal(size=(3, 1))
    weights6 = _softmax(_rng(6).normal(size=(2, 3, 2, 2, 4, 4)) * 2)  # [B, T, blocks, H, N+1, N+1]
    shares = viz.attention_shares(weights6)  # [T, blocks, H, 3]
    sharp = _softmax(_rng(7).normal(size=(2, 3, 3)) * 3)  # [H, N, N]
    amap = np.array([[0.7, 0.2, 0.1], [0.05, 0.35, 0.6], [0.3, 0.3, 0.4]])  # [Nq, Nk]
    before = _rng(8).normal(size=(2, 5))  # [N, F]
    after = _rng(9).normal(size=(2, 5)) * 1.5
    step_attention = _softmax(_rng(10).normal(size=(2, 3, 3)))  # [H, N+1, N+1]
    return {
        "learning_curves": lambda: viz.plot_learning_curves(
            {"RMC": [_history(0.0), _history(0.05), _history(-0.03)], "LSTM": _history(0.02)},
            chance=0.25,
            reference_lines={"shortcut": 0.375, "other": 0.6},
        ),
        "learning_curves_untitled": lambda: viz.plot_learning_curves(
            {
                "A": [
                    {"step": [1, 3], "test_acc": [0.2, 0.3], "test_loss": [1.0, 0.7]},
                    {"step": [1, 3, 5], "test_acc": [0.4, 0.1, 0.9], "test_loss": [1.2, 0.5, 0.4]},
                ]
            },
            title="",
        ),
        "learning_curves_train_only": lambda: viz.plot_learning_curves(
            {"A": {"step": [1, 2], "train_acc": [0.3, 0.6], "train_loss": [0.9, 0.8]}}
        ),
        "sweep": lambda: viz.plot_sweep(
            {"RMC": [_sweep_history(0.0), _sweep_history(0.1)], "LSTM": [_sweep_history(0.05)]},
            chance=0.125,
            shortcut=0.25,
            plateau=0.15,
        ),
        "sweep_shortest": lambda: viz.plot_sweep(
            {"RMC": [_sweep_history(0.0), {key: values[:2] for key, values in _sweep_history(0.1).items()}]}
        ),
        "sweep_single": lambda: viz.plot_sweep({"RMC": _sweep_history(0.02)}, title="", target=None),
        "sweep_missing": lambda: viz.plot_sweep(
            {"RMC": [{"step": [1, 2], "seconds": [6, 12], "test_acc": [0.3, None], "test_rel_acc": [None, 0.2]}]}
        ),
        "attention": lambda: viz.plot_attention(attention, title="one step"),
        "attention_labels": lambda: viz.plot_attention(attention[:1, :2], query_labels=["q0", "q1"], input_row=False),
        "attention_one_query": lambda: viz.plot_attention(attention[:, :1]),
        "attention_one_key": lambda: viz.plot_attention(np.ones((1, 2, 1))),
        "attention_tensor": lambda: viz.plot_attention(_torch().tensor(attention, requires_grad=True)),
        "attention_tile": lambda: viz.plot_attention(attention, input_row=False),
        "attention_over_time": lambda: viz.plot_attention_over_time(over_time, block=1),
        "attention_over_time_one_head": lambda: viz.plot_attention_over_time(over_time[:, :1, :1]),
        "attention_over_time_labels": lambda: viz.plot_attention_over_time(
            over_time[:2], step_labels=["a", "b"], title="given", input_row=False
        ),
        "question_pca": lambda: viz.plot_nth_farthest_question(
            vectors4, m=1, n=2, object_ids=[2, 0, 3, 1], prediction=3
        ),
        "question_plane": lambda: viz.plot_nth_farthest_question(vectors3, m=0, n=0, title="asked"),
        "question_two": lambda: viz.plot_nth_farthest_question(vectors2[:2], m=1, n=0),
        "question_line": lambda: viz.plot_nth_farthest_question(vectors2, m=2, n=1, prediction=1),
        # 20 objects, in groups of 4 at exactly the same distance from object 0: ties ranked by id
        # (a stable sort; numpy's default sort reorders ties beyond 16 elements)
        "question_ties": lambda: viz.plot_nth_farthest_question(
            np.array(
                [(0, 0)]
                + [(r * dx, r * dy) for r in range(1, 6) for dx, dy in ((1, 0), (0, 1), (-1, 0), (0, -1))][:19],
                dtype=np.float32,
            ),
            m=0,
            n=5,
        ),
        "rank_accuracy": lambda: viz.plot_rank_accuracy(
            {"RMC": [[0.2, 0.5, 0.9], [0.4, 0.3, 0.7]], "LSTM": [0.1, 0.15, 1.0]},
            chance=0.33,
            reference={"shortcut": [0.3, 0.35, 1.0], "other": [0.2, 0.2, 0.2], "third": [0.6, 0.5, 0.4]},
            title="ranks",
        ),
        "rank_accuracy_one": lambda: viz.plot_rank_accuracy({"A": [0.5, 0.25]}),
        "rank_accuracy_missing": lambda: viz.plot_rank_accuracy(
            {"A": [[0.5, None], [0.3, 0.2]], "B": [0.1, 0.4]}, reference={"r": [0.2, None]}
        ),
        "rank_accuracy_single": lambda: viz.plot_rank_accuracy({"A": [0.7]}),
        "attention_shares_values": lambda: viz.attention_shares(weights6[:, :2]),
        "attention_shares_one_slot": lambda: viz.attention_shares(_softmax(_rng(11).normal(size=(1, 2, 1, 2, 2, 2)))),
        "attention_shares": lambda: viz.plot_attention_shares({"trained": shares, "untrained": shares[::-1]}, block=1),
        "attention_shares_titled": lambda: viz.plot_attention_shares({"one": shares[:, :1, :1]}, title="t"),
        "attention_shares_missing": lambda: viz.plot_attention_shares(
            {"one": [[[[0.5, None, 0.2]]], [[[0.1, 0.3, 0.6]]]]}
        ),
        "sharpness": lambda: viz.plot_attention_sharpness(sharp, temperature=0.5, scaled=False),
        "sharpness_scaled": lambda: viz.plot_attention_sharpness(sharp[:1], scaled=True, slot_labels=["a", "b", "c"]),
        "sharpness_plain": lambda: viz.plot_attention_sharpness(np.eye(3)[None]),
        "attention_map": lambda: viz.plot_attention_map(amap, title="map"),
        "attention_map_plain": lambda: viz.plot_attention_map(
            amap[:2], annotate=False, input_row=False, key_labels=["x", "y", "z"]
        ),
        # square maps without an input row, wider than the 7-inch minimum (8 keys)
        "attention_map_wide_tile": lambda: viz.plot_attention_map(
            _softmax(_rng(12).normal(size=(8, 8))), input_row=False
        ),
        "memory_survival": lambda: viz.plot_memory_survival(
            {
                "gated": {"step": [0, 1, 2], "kept": [1.0, 0.6, 0.3], "similarity": [1.0, 0.8, 0.5]},
                "no gates": {"step": [0, 1, 2], "kept": [np.nan] * 3, "similarity": [1.0, 0.2, -0.1]},
            },
            highlight="gated",
            title="survival",
        ),
        "memory_survival_all": lambda: viz.plot_memory_survival(
            {"one": {"step": [3, 5], "kept": [1.0, 0.9], "similarity": [1.0, 0.95]}}
        ),
        "memory_step": lambda: viz.plot_memory_step(before, step_attention, after, title="step"),
        "memory_step_square_tile": lambda: viz.plot_memory_step(before, step_attention, after, input_row=False),
        "memory_step_tile": lambda: viz.plot_memory_step(before, step_attention[:1, :2], after, input_row=False),
        # values below 1, larger before than after: the colour limit comes from `before`
        "memory_step_small": lambda: viz.plot_memory_step(before * 0.3, step_attention, after * 0.1),
        # all zeros: the colour limit falls back to 1e-6, not to an empty range
        "memory_step_zero": lambda: viz.plot_memory_step(np.zeros((2, 5)), step_attention, np.zeros((2, 5))),
        "cost": lambda: viz.plot_cost(
            {
                "RMC": {"x": [4, 2, 8], "time": [3.0, 1.5, 7.0], "memory": [2.0, 1.0, 5.0], "time_exponent": 1.1},
                "LSTM": {"x": [2, 4, 8], "time": [0.5, 0.9, 2.0], "memory": [np.nan] * 3, "memory_exponent": 2.0},
            },
            x_label="slots",
            highlight_x=4,
            title="cost",
        ),
        # a third model (the third marker), one with no time measured (its memory still drawn)
        "cost_three": lambda: viz.plot_cost(
            {
                "A": {"x": [2, 4], "time": [1.0, 2.0]},
                "B": {"x": [2, 4], "time": [1.5, 2.5]},
                "C": {"x": [2, 4], "time": [np.nan, np.nan], "memory": [1.0, 3.0]},
            },
            x_label="slots",
        ),
        "cost_linear": lambda: viz.plot_cost(
            {"A": {"x": [1, 2], "time": [0.3, 0.6]}},
            x_label="size",
            log_x=False,
            log_y=False,
            time_label="t",
            memory_label="m",
        ),
    }


CASES = (
    "learning_curves",
    "learning_curves_untitled",
    "learning_curves_train_only",
    "sweep",
    "sweep_shortest",
    "sweep_single",
    "sweep_missing",
    "attention",
    "attention_labels",
    "attention_one_query",
    "attention_one_key",
    "attention_tensor",
    "attention_tile",
    "attention_over_time",
    "attention_over_time_one_head",
    "attention_over_time_labels",
    "question_pca",
    "question_plane",
    "question_two",
    "question_line",
    "question_ties",
    "rank_accuracy",
    "rank_accuracy_one",
    "rank_accuracy_missing",
    "rank_accuracy_single",
    "attention_shares_values",
    "attention_shares_one_slot",
    "attention_shares",
    "attention_shares_titled",
    "attention_shares_missing",
    "sharpness",
    "sharpness_scaled",
    "sharpness_plain",
    "attention_map",
    "attention_map_plain",
    "attention_map_wide_tile",
    "memory_survival",
    "memory_survival_all",
    "memory_step",
    "memory_step_square_tile",
    "memory_step_tile",
    "memory_step_small",
    "memory_step_zero",
    "cost",
    "cost_three",
    "cost_linear",
)


def draw(case: str):
    result = _cases()[case]()
    return describe(result) if hasattr(result, "get_size_inches") else _data(result)


def golden() -> dict:
    return json.loads(GOLDEN.read_text())


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(__doc__)
    assert set(CASES) == set(_cases()), "CASES must name every case"
    GOLDEN.parent.mkdir(exist_ok=True)
    GOLDEN.write_text(json.dumps({case: draw(case) for case in CASES}, indent=0, sort_keys=True) + "\n")
    print(f"wrote {GOLDEN} ({GOLDEN.stat().st_size // 1024} KiB)")
