"""The lesson figures of rmc_ref.viz: plot_nth_farthest_question and plot_rank_accuracy."""

import numpy as np
import pytest
import torch

from rmc_ref import NthFarthest
from rmc_ref.viz import plot_nth_farthest_question, plot_rank_accuracy


def _question(task, seed, i=0):
    inputs, labels = task.sample(4, generator=torch.Generator().manual_seed(seed))
    decoded = task.decode(inputs)
    return decoded.vectors[i], decoded.object_ids[i], int(decoded.m[i]), int(decoded.n[i]), int(labels[i])


@pytest.mark.parametrize("num_objects, num_features", [(8, 16), (3, 2), (5, 1)])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_question_figure_names_the_tasks_answer_and_ranks_by_descending_distance(num_objects, num_features, seed):
    task = NthFarthest(num_objects, num_features)
    vectors, ids, m, n, label = _question(task, seed)
    fig = plot_nth_farthest_question(vectors, m, n, object_ids=ids)
    plane_ax, rank_ax = fig.axes
    assert rank_ax.get_title().endswith(f"answer: object {label}")
    widths = [bar.get_width() for bar in rank_ax.patches]  # one bar per rank, k = 0 first
    assert len(widths) == num_objects
    assert widths == sorted(widths, reverse=True) and widths[-1] == 0.0  # the last rank is m itself
    labels = [tick.get_text() for tick in rank_ax.get_yticklabels()]
    assert labels[n] == f"k={n}: obj {label}" and labels[-1] == f"k={num_objects - 1}: obj {m}"
    for ax in (plane_ax, rank_ax):
        assert ax.get_xlabel() and ax.get_ylabel()


def test_question_figure_uses_the_object_ids_not_the_presentation_order():
    task = NthFarthest(6, 4)
    for seed in range(20):  # find a question whose answer's id differs from its step
        vectors, ids, m, n, label = _question(task, seed)
        if int((ids == label).nonzero()[0, 0]) != label:
            break
    fig = plot_nth_farthest_question(vectors, m, n, object_ids=ids)
    assert fig.axes[1].get_title().endswith(f"answer: object {label}")


def test_question_figure_marks_a_prediction():
    task = NthFarthest(4, 3)
    vectors, ids, m, n, _ = _question(task, 0)
    without = plot_nth_farthest_question(vectors, m, n, object_ids=ids)
    with_prediction = plot_nth_farthest_question(vectors, m, n, object_ids=ids, prediction=m)
    assert len(with_prediction.axes[1].patches) == len(without.axes[1].patches) + 1


@pytest.mark.parametrize("kwargs, match", [
    (dict(vectors=torch.zeros(3, 2, 2), m=0, n=0), r"vectors must have shape \[T, F\], got \[3, 2, 2\]"),
    (dict(vectors=torch.zeros(1, 2), m=0, n=0), "at least 2 objects"),
    (dict(vectors=torch.zeros(3, 2), m=3, n=0), r"m must be an integer in \[0, 3\)"),
    (dict(vectors=torch.zeros(3, 2), m=0, n=-1), r"n must be an integer in \[0, 3\)"),
    (dict(vectors=torch.zeros(3, 2), m=0, n=0, object_ids=[0, 1]), r"object_ids must have shape \[3\], got \[2\]"),
    (dict(vectors=torch.zeros(3, 2), m=0, n=0, object_ids=[0, 0, 1]), "permutation"),
    (dict(vectors=torch.zeros(3, 2), m=0, n=0, prediction=5), "prediction must be"),
])
def test_question_figure_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        plot_nth_farthest_question(**kwargs)


def test_rank_accuracy_bars_are_per_rank_medians_over_seeds():
    rmc = [[0.9, 0.2, 1.0], [0.5, 0.4, 1.0], [0.7, 0.3, 0.8]]  # [S=3, K=3]
    lstm = [0.4, 0.5, 0.6]  # [K]
    fig = plot_rank_accuracy({"RMC": rmc, "LSTM": lstm}, chance=1 / 3, reference={"shortcut": [0.5, 0.5, 1.0]})
    ax = fig.axes[0]
    heights = [bar.get_height() for bar in ax.patches]
    np.testing.assert_allclose(heights, [0.7, 0.3, 1.0, 0.4, 0.5, 0.6])
    assert ax.get_xlabel() and ax.get_ylabel()
    assert any("RMC (median of 3 seeds" in label for label in ax.get_legend_handles_labels()[1])


@pytest.mark.parametrize("arguments, match", [
    (({},), "non-empty"),
    (({"RMC": [0.1, 0.2], "LSTM": [0.1, 0.2, 0.3]},), "has 3 ranks, the first model 2"),
    (({"RMC": [[[0.1]]]},), r"shape \[K\] or \[S, K\]"),
    (({"RMC": [0.1, 0.2]}, None, {"shortcut": [0.5]}), r"reference\['shortcut'\] must have shape \[2\]"),
])
def test_rank_accuracy_rejects_bad_arguments(arguments, match):
    with pytest.raises(ValueError, match=match):
        plot_rank_accuracy(*arguments)
