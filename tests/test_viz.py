"""The figure functions of rmc_ref.viz that training and the lessons draw with: learning curves and
attention maps, every figure against its reviewed description (tests/support/figure_spec.py), and every
refusal of a bad argument, word for word.

(The lesson figures plot_nth_farthest_question and plot_rank_accuracy: tests/test_viz_lessons.py.)
Small fixed inputs, no training: the file runs in a few seconds.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
import torch
from matplotlib.figure import Figure
from support import figure_spec

from rmc_ref.viz import plot_attention, plot_attention_over_time, plot_learning_curves

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def assert_png(path, min_bytes: int = 5_000) -> None:
    assert path.is_file(), f"{path} was not written"
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
    assert len(data) > min_bytes, f"{path} is suspiciously small ({len(data)} bytes)"


# --- learning curves and attention maps ------------------------------------------------------------


def _history(offset: float) -> dict:
    steps = [10, 20, 30]
    return {
        "step": steps,
        "train_loss": [2.0 - offset, 1.9, 1.8],
        "test_loss": [2.1, 2.0 - offset, 1.9],
        "train_acc": [0.1, 0.2 + offset, 0.3],
        "test_acc": [0.1, 0.15, 0.2 + offset],
    }


def test_plot_learning_curves_single_and_several_seeds(tmp_path):
    single = plot_learning_curves({"RMC": _history(0.0), "LSTM": _history(0.05)}, chance=0.125)
    several = plot_learning_curves({"RMC": [_history(0.0), _history(0.1)], "LSTM": [_history(0.05)]})
    for fig in (single, several):
        assert isinstance(fig, Figure) and len(fig.axes) == 2
    accuracy_axis = single.axes[1]
    assert any(np.allclose(line.get_ydata(), 0.125) for line in accuracy_axis.get_lines())
    fig_path = tmp_path / "curves.png"
    several.savefig(fig_path)
    assert_png(fig_path)


def test_plot_learning_curves_rejects_bad_histories():
    with pytest.raises(ValueError, match="step"):
        plot_learning_curves({"RMC": {"test_acc": [0.1]}})
    with pytest.raises(ValueError, match=r"shape \[3\].*got \[2\]"):
        plot_learning_curves({"RMC": {"step": [1, 2, 3], "test_acc": [0.1, 0.2]}})
    with pytest.raises(ValueError):
        plot_learning_curves({})


def test_plot_attention_heads_and_labels():
    weights = torch.softmax(torch.randn(3, 5, 5), dim=-1)  # H=3, N=4 slots + input row
    fig = plot_attention(weights, title="one step")
    heatmaps = [ax for ax in fig.axes if ax.get_images()]
    assert isinstance(fig, Figure) and len(heatmaps) == 3
    assert heatmaps[0].get_ylabel() == "query slot" and heatmaps[0].get_xlabel() == "key slot"
    assert [t.get_text() for t in heatmaps[0].get_yticklabels()][-1] == "input"
    assert len(fig.axes) == 4  # 3 heads + colorbar
    tile = plot_attention(weights.numpy(), input_row=False)
    tile_heatmap = next(ax for ax in tile.axes if ax.get_images())
    assert "input" not in [t.get_text() for t in tile_heatmap.get_xticklabels()]


def test_plot_attention_over_time_grid():
    weights = torch.softmax(torch.randn(4, 2, 3, 5, 5), dim=-1)  # T=4, blocks=2, H=3
    fig = plot_attention_over_time(weights, block=1)
    heatmaps = [ax for ax in fig.axes if ax.get_images()]
    assert isinstance(fig, Figure) and len(heatmaps) == 4 * 3


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: plot_attention(torch.rand(5, 5)), r"\[H, Nq, Nk\].*got \[5, 5\]"),
        (lambda: plot_attention(torch.rand(2, 3, 3), query_labels=["a"]), "query_labels"),
        (
            lambda: plot_attention_over_time(torch.rand(1, 4, 1, 2, 5, 5)),
            r"\[T, num_blocks, H, Nq, Nk\].*got \[1, 4, 1, 2, 5, 5\]",
        ),
        (lambda: plot_attention_over_time(torch.rand(4, 1, 2, 5, 5), block=1), "block"),
    ],
)
def test_viz_shape_errors_name_expected_and_actual(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_learning_curves_median_line_and_band_are_the_seeds_statistics():
    runs = [
        {"step": [1, 2], "test_acc": [0.1, 0.5]},
        {"step": [1, 2], "test_acc": [0.3, 0.2]},
        {"step": [1, 2], "test_acc": [0.2, 0.9]},
    ]
    fig = plot_learning_curves({"RMC": runs}, chance=0.25, reference_lines={"shortcut": 0.5})
    accuracy = fig.axes[1]
    median = next(line for line in accuracy.get_lines() if line.get_label().startswith("RMC test"))
    np.testing.assert_allclose(median.get_ydata(), [0.2, 0.5])
    band = accuracy.collections[0].get_paths()[0].vertices[:, 1]
    assert np.isclose(band.min(), 0.1) and np.isclose(band.max(), 0.9)
    labels = [line.get_label() for line in accuracy.get_lines()]
    assert "chance (25.0%)" in labels and "shortcut (50.0%)" in labels
    assert accuracy.get_ylim() == (0.0, 1.0) and accuracy.get_xlabel() == "training step"
    assert fig.axes[0].get_ylabel() == "cross-entropy loss"


def test_learning_curves_use_the_shortest_run_and_refuse_mismatched_steps():
    short = {"step": [1], "test_acc": [0.2]}
    long = {"step": [1, 2], "test_acc": [0.4, 0.6]}
    fig = plot_learning_curves({"LSTM": [long, short]})
    line = fig.axes[1].get_lines()[0]
    np.testing.assert_allclose(line.get_xdata(), [1])
    with pytest.raises(ValueError, match="different steps"):
        plot_learning_curves({"LSTM": [long, {"step": [2, 3], "test_acc": [0.1, 0.2]}]})
    with pytest.raises(ValueError, match="empty list"):
        plot_learning_curves({"LSTM": []})
    with pytest.raises(ValueError, match="must be a dict"):
        plot_learning_curves({"LSTM": [[0.1, 0.2]]})


def test_attention_heatmaps_show_the_weights_with_a_fixed_colour_scale():
    weights = torch.softmax(torch.randn(2, 4, 4, generator=torch.Generator().manual_seed(0)), dim=-1)  # [H, N+1, N+1]
    fig = plot_attention(weights, title="t")
    images = [ax.get_images()[0] for ax in fig.axes if ax.get_images()]
    np.testing.assert_allclose(images[1].get_array(), weights[1].numpy())
    assert images[0].get_clim() == (0.0, 1.0)
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["0", "1", "2", "input"]
    assert fig.axes[0].get_title() == "head 0" and fig._suptitle.get_text() == "t"
    over_time = torch.softmax(torch.randn(3, 2, 2, 4, 4, generator=torch.Generator().manual_seed(1)), dim=-1)
    grid = plot_attention_over_time(over_time, block=1, step_labels=["a", "b", "c"])
    cells = [ax for ax in grid.axes if ax.get_images()]
    np.testing.assert_allclose(cells[1].get_images()[0].get_array(), over_time[1, 1, 0].numpy())  # head 0, t=1
    assert [cells[t].get_title() for t in range(3)] == ["a", "b", "c"]
    assert cells[0].get_ylabel() == "head 0\nquery slot"
    with pytest.raises(ValueError, match="block must be an integer"):
        plot_attention_over_time(over_time, block=True)
    with pytest.raises(ValueError, match="array of numbers"):
        plot_attention([["a"]])


# --- every figure as reviewed (tests/support/figure_spec.py) ------------------------------------


@pytest.mark.parametrize("case", figure_spec.CASES)
def test_figure_matches_its_reviewed_description(case):
    """Each figure function on small fixed inputs draws exactly what was reviewed: the data of every
    line, band, bar, marker and image, every title, label, tick label and legend entry, and the
    style (colours, line styles and widths, sizes, colour scales, layout). A changed figure fails
    here; if the change is deliberate, look at the figure and rewrite the golden file
    (``python tests/support/figure_spec.py --write``)."""
    expected, actual = figure_spec.golden()[case], figure_spec.draw(case)
    changes = figure_spec.differences(expected, actual)
    assert not changes, f"{len(changes)} differences, first ones:\n" + "\n".join(changes[:8])


# --- every refusal of rmc_ref.viz names the argument, the shapes and the hint -------------------

VIZ_REFUSALS = [
    (
        "plot_attention(np.zeros((2, 3)))",
        "attention weights must have shape [H, Nq, Nk], got [2, 3]: one block at one time step, e.g. attn[0, 0] of attn [B, blocks, H, Nq, Nk]",
    ),
    ("plot_attention(np.zeros((1, 0, 2)))", "attention weights must be non-empty, got shape [1, 0, 2]"),
    ("plot_attention(np.zeros((1, 2, 0)))", "attention weights must be non-empty, got shape [1, 2, 0]"),
    ("plot_attention(np.zeros((0, 2, 2)))", "attention weights must be non-empty, got shape [0, 2, 2]"),
    (
        "plot_attention(np.ones((1, 2, 3)) / 3, key_labels=['a'])",
        "key_labels must have 3 entries (one per row/column), got 1",
    ),
    (
        "plot_attention(np.ones((1, 2, 3)) / 3, query_labels=['a'])",
        "query_labels must have 2 entries (one per row/column), got 1",
    ),
    (
        "plot_attention_over_time(np.zeros((2, 1, 1, 2)))",
        "attention weights must have shape [T, num_blocks, H, Nq, Nk], got [2, 1, 1, 2]: one sequence, e.g. attn[0] of attn [B, T, blocks, H, Nq, Nk] from unroll",
    ),
    (
        "plot_attention_over_time(np.zeros((2, 1, 1, 0, 2)))",
        "attention weights must be non-empty, got shape [2, 1, 1, 0, 2]",
    ),
    (
        "plot_attention_over_time(np.ones((2, 1, 1, 2, 2)) / 2, step_labels=['a'])",
        "step_labels must have 2 entries (one per row/column), got 1",
    ),
    ("plot_attention_over_time(np.ones((2, 1, 1, 2, 2)) / 2, block=1)", "block must be an integer in [0, 1), got 1"),
    (
        "plot_nth_farthest_question(np.zeros(3), m=0, n=0)",
        "vectors must have shape [T, F], got [3]: one sequence, e.g. task.decode(inputs).vectors[0]",
    ),
    (
        "plot_nth_farthest_question(np.zeros((1, 2)), m=0, n=0)",
        "vectors must hold at least 2 objects with at least 1 feature, got shape [1, 2]",
    ),
    (
        "plot_nth_farthest_question(np.zeros((3, 0)), m=0, n=0)",
        "vectors must hold at least 2 objects with at least 1 feature, got shape [3, 0]",
    ),
    (
        "plot_nth_farthest_question(np.eye(3), m=0, n=0, object_ids=[0, 1])",
        "object_ids must have shape [3], got [2]: the id shown at each step",
    ),
    (
        "plot_nth_farthest_question(np.eye(3), m=0, n=0, object_ids=[0, 1, 1])",
        "object_ids must be a permutation of 0..2, got [0, 1, 1]",
    ),
    (
        "plot_nth_farthest_question(np.eye(3), m=0, n=0, object_ids=['a', 'b', 'c'])",
        "object_ids must be an array of numbers, got list",
    ),
    ("plot_nth_farthest_question([['a']], m=0, n=0)", "vectors must be an array of numbers, got list"),
    ("plot_nth_farthest_question(np.eye(3), m=1.0, n=0)", "m must be an integer in [0, 3), got 1.0"),
    ("plot_nth_farthest_question(np.eye(3), m=0, n=3)", "n must be an integer in [0, 3), got 3"),
    (
        "plot_nth_farthest_question(np.eye(3), m=0, n=0, prediction=True)",
        "prediction must be an integer in [0, 3), got True",
    ),
    ("plot_rank_accuracy({})", "rank_accuracy must be a non-empty dict {model name: [K] or [S, K] accuracies}"),
    (
        "plot_rank_accuracy({'A': np.zeros((1, 2, 2))})",
        "rank_accuracy['A'] must have shape [K] or [S, K], got [1, 2, 2]",
    ),
    ("plot_rank_accuracy({'A': []})", "rank_accuracy['A'] must have shape [K] or [S, K], got [0]"),
    (
        "plot_rank_accuracy({'A': [0.1, 0.2], 'B': [0.1, 0.2, 0.3]})",
        "rank_accuracy['B'] has 3 ranks, the first model 2",
    ),
    ("plot_rank_accuracy({'A': [0.1, 0.2]}, reference={'r': [0.1]})", "reference['r'] must have shape [2], got [1]"),
    (
        "attention_shares(np.zeros((1, 1, 1, 3, 3)))",
        "attention weights must have shape [B, T, num_blocks, H, Nq, Nk], got [1, 1, 1, 3, 3]: the [B, T, blocks, H, N+1, N+1] tensor of unroll(..., return_attention=True)",
    ),
    (
        "attention_shares(np.zeros((1, 1, 1, 1, 2, 3)))",
        "attention weights must be square maps over N memory slots + the input row ('row' input mode, N >= 1), got shape [1, 1, 1, 1, 2, 3]",
    ),
    (
        "attention_shares(np.ones((1, 1, 1, 1, 1, 1)))",
        "attention weights must be square maps over N memory slots + the input row ('row' input mode, N >= 1), got shape [1, 1, 1, 1, 1, 1]",
    ),
    (
        "attention_shares(np.zeros((0, 1, 1, 1, 2, 2)))",
        "attention weights must be square maps over N memory slots + the input row ('row' input mode, N >= 1), got shape [0, 1, 1, 1, 2, 2]",
    ),
    ("plot_attention_shares({})", "shares must be a non-empty dict {model name: [T, blocks, H, 3] array}"),
    (
        "plot_attention_shares([np.zeros((1, 1, 1, 3))])",
        "shares must be a non-empty dict {model name: [T, blocks, H, 3] array}",
    ),
    (
        "plot_attention_shares({'a': np.zeros((1, 1, 3))})",
        "shares['a'] must have shape [T, blocks, H, 3], got [1, 1, 3]",
    ),
    ("plot_attention_shares({'a': np.zeros((2, 2, 1, 3))}, block=1.0)", "block must be an integer in [0, 2), got 1.0"),
    ("plot_attention_shares({'a': np.zeros((2, 2, 1, 3))}, block=2)", "block must be an integer in [0, 2), got 2"),
    (
        "plot_attention_shares({'a': np.zeros((2, 2, 1, 3)), 'b': np.zeros((2, 1, 2, 3))})",
        "shares['b'] has blocks x heads [1, 2], the first model [2, 1]",
    ),
    ("plot_sweep({})", "histories must be a non-empty dict {model name: list of sweep histories}"),
    ("plot_sweep([1])", "histories must be a non-empty dict {model name: list of sweep histories}"),
    ("plot_sweep({'A': []})", "histories['A'] is an empty list; give at least one history"),
    (
        "plot_sweep({'A': [{'step': [1]}]})",
        "history 0 of 'A' needs the keys ['step', 'seconds', 'test_acc', 'test_rel_acc'] (a sweep history)",
    ),
    (
        "plot_sweep({'A': [[1]]})",
        "history 0 of 'A' needs the keys ['step', 'seconds', 'test_acc', 'test_rel_acc'] (a sweep history)",
    ),
    (
        "plot_sweep({'A': [{'step': [1, 2], 'seconds': [1], 'test_acc': [0.1], 'test_rel_acc': [0.1]}]})",
        "history 0 of 'A': lists of different lengths {'step': 2, 'seconds': 1, 'test_acc': 1, 'test_rel_acc': 1}",
    ),
    (
        "plot_sweep({'A': [{'step': [1, 2], 'seconds': [1, 2], 'test_acc': [0.1, 0.2], 'test_rel_acc': [0.1, 0.2]}, {'step': [1, 3], 'seconds': [1, 2], 'test_acc': [0.1, 0.2], 'test_rel_acc': [0.1, 0.2]}, {'step': [1, 2], 'seconds': [1, 2], 'test_acc': [0.1, 0.2], 'test_rel_acc': [0.1, 0.2]}]})",
        "the seeds of 'A' were evaluated at different steps",
    ),
    ("plot_attention([['a']])", "attention weights must be an array of numbers, got list"),
    ("plot_attention_over_time([['a']])", "attention weights must be an array of numbers, got list"),
    ("attention_shares([['a']])", "attention weights must be an array of numbers, got list"),
    ("plot_attention_sharpness([['a']])", "attention weights must be an array of numbers, got list"),
    (
        "plot_attention_sharpness(np.ones((2, 3)))",
        "attention weights must have shape [H, N, N], got [2, 3]: one square map per head",
    ),
    (
        "plot_attention_sharpness(np.ones((1, 2, 3)))",
        "attention weights must have shape [H, N, N], got [1, 2, 3]: one square map per head",
    ),
    ("plot_attention_sharpness(np.ones((0, 2, 2)))", "attention weights must be non-empty, got shape [0, 2, 2]"),
    ("plot_attention_sharpness(np.ones((1, 0, 0)))", "attention weights must be non-empty, got shape [1, 0, 0]"),
    (
        "plot_attention_sharpness(np.ones((1, 2, 2)) / 2, slot_labels=['a'])",
        "slot_labels must have 2 entries (one per row/column), got 1",
    ),
    ("plot_attention_map([['a']])", "attention weights must be an array of numbers, got list"),
    (
        "plot_attention_map(np.ones((1, 2, 2)))",
        "attention weights must have shape [Nq, Nk], got [1, 2, 2]: one head of one block at one step, e.g. attn[b, t, block, head]",
    ),
    ("plot_attention_map(np.ones((0, 2)))", "attention weights must be non-empty, got shape [0, 2]"),
    ("plot_attention_map(np.ones((2, 0)))", "attention weights must be non-empty, got shape [2, 0]"),
    (
        "plot_attention_map(np.ones((2, 3)) / 3, query_labels=['a'])",
        "query_labels must have 2 entries (one per row/column), got 1",
    ),
    (
        "plot_attention_map(np.ones((2, 3)) / 3, key_labels=['a'])",
        "key_labels must have 3 entries (one per row/column), got 1",
    ),
    ("plot_memory_survival({})", "curves must be a non-empty dict {label: {'step', 'kept', 'similarity'}}"),
    ("plot_memory_survival([1])", "curves must be a non-empty dict {label: {'step', 'kept', 'similarity'}}"),
    (
        "plot_memory_survival({'a': {'step': [0], 'kept': [1], 'similarity': [1]}}, highlight='b')",
        "highlight must be one of ['a'], got 'b'",
    ),
    (
        "plot_memory_survival({'a': {'step': [0], 'kept': [1]}})",
        "curves['a'] needs a 'similarity' array, got keys ['kept', 'step']",
    ),
    (
        "plot_memory_survival({'a': {'kept': [1], 'similarity': [1]}})",
        "curves['a'] needs a 'step' array, got keys ['kept', 'similarity']",
    ),
    (
        "plot_memory_survival({'a': {'step': [0, 1], 'kept': [1], 'similarity': [1, 2]}})",
        "curves['a']: 'step', 'kept' and 'similarity' must have the same shape [T], got [2], [1], [2]",
    ),
    (
        "plot_memory_survival({'a': {'step': [0, 1], 'kept': [1, 1], 'similarity': [1]}})",
        "curves['a']: 'step', 'kept' and 'similarity' must have the same shape [T], got [2], [2], [1]",
    ),
    (
        "plot_memory_survival({'a': {'step': [[0, 1]], 'kept': [[1, 1]], 'similarity': [[1, 1]]}})",
        "curves['a']: 'step', 'kept' and 'similarity' must have the same shape [T], got [1, 2], [1, 2], [1, 2]",
    ),
    (
        "plot_memory_step([['a']], np.ones((1, 2, 2)), np.ones((2, 3)))",
        "memory_before must be an array of numbers, got list",
    ),
    (
        "plot_memory_step(np.ones(3), np.ones((1, 2, 2)), np.ones(3))",
        "memory_before must have shape [N, F], got [3]: memory of one sequence, e.g. memory[b, t]",
    ),
    (
        "plot_memory_step(np.ones((2, 3)), np.ones((1, 2, 2)), [['a']])",
        "memory_after must be an array of numbers, got list",
    ),
    (
        "plot_memory_step(np.ones((2, 3)), np.ones((1, 2, 2)), np.ones((3, 2)))",
        "memory_after must have shape [2, 3], got [3, 2]: the memory after the step has the same shape",
    ),
    ("plot_memory_step(np.ones((2, 3)), [['a']], np.ones((2, 3)))", "attention must be an array of numbers, got list"),
    (
        "plot_memory_step(np.ones((2, 3)), np.ones((2, 2)), np.ones((2, 3)))",
        "attention must have shape [H, Nq, Nk], got [2, 2]: one block at this step, e.g. attn[b, t, block]",
    ),
    (
        "plot_memory_step(np.ones((2, 3)), np.ones((0, 2, 2)), np.ones((2, 3)))",
        "memory and attention must be non-empty, got shapes [2, 3] and [0, 2, 2]",
    ),
    (
        "plot_memory_step(np.ones((2, 0)), np.ones((1, 2, 2)), np.ones((2, 0)))",
        "memory and attention must be non-empty, got shapes [2, 0] and [1, 2, 2]",
    ),
    ("plot_cost({}, x_label='x')", "series must be a non-empty dict {model: {'x', 'time', 'memory'}}"),
    ("plot_cost([1], x_label='x')", "series must be a non-empty dict {model: {'x', 'time', 'memory'}}"),
    ("plot_cost({'a': {'time': [1]}}, x_label='x')", "series['a'] needs the array 'x', got keys ['time']"),
    ("plot_cost({'a': {'x': [1]}}, x_label='x')", "series['a'] needs the array 'time', got keys ['x']"),
    (
        "plot_cost({'a': {'x': [1, 2], 'time': [1]}}, x_label='x')",
        "series['a']: 'x', 'time' and 'memory' must have the same shape [P], got [2], [1], [2]",
    ),
    (
        "plot_cost({'a': {'x': [1, 2], 'time': [1, 2], 'memory': [1]}}, x_label='x')",
        "series['a']: 'x', 'time' and 'memory' must have the same shape [P], got [2], [2], [1]",
    ),
    (
        "plot_cost({'a': {'x': [[1, 2]], 'time': [[1, 2]], 'memory': [[1, 2]]}}, x_label='x')",
        "series['a']: 'x', 'time' and 'memory' must have the same shape [P], got [1, 2], [1, 2], [1, 2]",
    ),
    ("plot_learning_curves({})", "histories must be a non-empty dict {model name: history or list of histories}"),
    ("plot_learning_curves([1])", "histories must be a non-empty dict {model name: history or list of histories}"),
    ("plot_learning_curves({'a': []})", "histories['a'] is an empty list; give at least one history"),
    (
        "plot_learning_curves({'a': [[1]]})",
        "history of 'a' (run 0) must be a dict with 'step' and metric lists, got list",
    ),
    (
        "plot_learning_curves({'a': {'test_acc': [1]}})",
        "history of 'a' (run 0) needs a 'step' list, got keys ['test_acc']",
    ),
    (
        "plot_learning_curves({'a': {'step': [[1]], 'test_acc': [[1]]}})",
        "history of 'a' (run 0): 'step' must have shape [E], got [1, 1]",
    ),
    (
        "plot_learning_curves({'a': {'step': [1], 'acc': [1]}})",
        "history of 'a' (run 0) has none of ['train_loss', 'test_loss', 'train_acc', 'test_acc'], got keys ['acc', 'step']",
    ),
    (
        "plot_learning_curves({'a': {'step': [1, 2], 'test_acc': [1]}})",
        "history of 'a' (run 0): 'test_acc' must have shape [2] like 'step', got [1]",
    ),
    (
        "plot_learning_curves({'a': [{'step': [1, 2], 'test_acc': [1, 2]}, {'step': [1, 3], 'test_acc': [1, 2]}]})",
        "the runs of 'a' were evaluated at different steps; give every seed the same --eval-every and --steps",
    ),
]


@pytest.mark.parametrize("call, message", VIZ_REFUSALS)
def test_viz_refuses_bad_input_with_the_whole_message(call, message):
    from rmc_ref import viz

    with pytest.raises(ValueError) as error:
        eval(call, {"np": np, **{name: getattr(viz, name) for name in viz.__all__}})
    assert str(error.value) == message
