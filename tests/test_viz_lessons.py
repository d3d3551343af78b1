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


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(vectors=torch.zeros(3, 2, 2), m=0, n=0), r"vectors must have shape \[T, F\], got \[3, 2, 2\]"),
        (dict(vectors=torch.zeros(1, 2), m=0, n=0), "at least 2 objects"),
        (dict(vectors=torch.zeros(3, 2), m=3, n=0), r"m must be an integer in \[0, 3\)"),
        (dict(vectors=torch.zeros(3, 2), m=0, n=-1), r"n must be an integer in \[0, 3\)"),
        (dict(vectors=torch.zeros(3, 2), m=0, n=0, object_ids=[0, 1]), r"object_ids must have shape \[3\], got \[2\]"),
        (dict(vectors=torch.zeros(3, 2), m=0, n=0, object_ids=[0, 0, 1]), "permutation"),
        (dict(vectors=torch.zeros(3, 2), m=0, n=0, prediction=5), "prediction must be"),
    ],
)
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


@pytest.mark.parametrize(
    "arguments, match",
    [
        (({},), "non-empty"),
        (({"RMC": [0.1, 0.2], "LSTM": [0.1, 0.2, 0.3]},), "has 3 ranks, the first model 2"),
        (({"RMC": [[[0.1]]]},), r"shape \[K\] or \[S, K\]"),
        (({"RMC": [0.1, 0.2]}, None, {"shortcut": [0.5]}), r"reference\['shortcut'\] must have shape \[2\]"),
    ],
)
def test_rank_accuracy_rejects_bad_arguments(arguments, match):
    with pytest.raises(ValueError, match=match):
        plot_rank_accuracy(*arguments)


# --- attention_shares / plot_attention_shares ------------------------------------------------

from rmc_ref import RelationalMemory  # noqa: E402
from rmc_ref.viz import attention_shares, plot_attention_shares  # noqa: E402


def test_attention_shares_of_known_maps():
    B, T, blocks, H, N = 2, 3, 2, 4, 3  # distinct sizes
    weights = torch.zeros(B, T, blocks, H, N + 1, N + 1)
    weights[:, :, :, 0] = 1.0 / (N + 1)  # head 0: uniform
    weights[:, :, :, 1] = torch.eye(N + 1)  # head 1: every slot reads itself
    weights[:, :, :, 2, :, N] = 1.0  # head 2: every query reads the input row
    weights[:, :, :, 3] = torch.eye(N + 1).roll(1, dims=1)  # head 3: slot i reads slot i+1 (slot N-1 the input)
    shares = attention_shares(weights)
    assert shares.shape == (T, blocks, H, 3)
    np.testing.assert_allclose(shares[0, 0, 0], [1 / (N + 1), 1 / (N + 1), (N - 1) / (N + 1)], rtol=1e-6)
    np.testing.assert_allclose(shares[1, 1, 1], [0, 1, 0])
    np.testing.assert_allclose(shares[2, 0, 2], [1, 0, 0])
    np.testing.assert_allclose(shares[0, 1, 3], [1 / N, 0, (N - 1) / N], rtol=1e-6)


def test_attention_shares_average_over_batch_and_slots_and_sum_to_one():
    torch.manual_seed(0)
    core = RelationalMemory(7, mem_slots=3, head_size=5, num_heads=2, num_blocks=2)
    _, _, attention = core.unroll(torch.randn(2, 4, 7), return_attention=True)  # [2, 4, 2, 2, 4, 4]
    shares = attention_shares(attention)
    np.testing.assert_allclose(shares.sum(-1), np.ones((4, 2, 2)), rtol=1e-5)
    expected_input = attention[..., :3, 3].mean(dim=(0, 4)).detach().numpy()  # [T, blocks, H]
    np.testing.assert_allclose(shares[..., 0], expected_input, rtol=1e-5)


def test_attention_shares_rejects_tile_mode_and_wrong_ranks():
    with pytest.raises(ValueError, match=r"must have shape \[B, T, num_blocks, H, Nq, Nk\], got \[2, 3, 4, 4\]"):
        attention_shares(torch.zeros(2, 3, 4, 4))
    with pytest.raises(ValueError, match="square maps"):
        attention_shares(torch.zeros(1, 2, 1, 2, 3, 4))


def test_plot_attention_shares_draws_one_panel_per_model_and_head():
    shares = np.random.default_rng(0).dirichlet(np.ones(3), size=(3, 2, 4))  # [T, blocks, H, 3]
    fig = plot_attention_shares({"trained": shares, "untrained": shares}, block=1)
    assert len(fig.axes) == 2 * 4
    line = fig.axes[5].get_lines()[0]  # untrained, head 1, "the input row"
    np.testing.assert_allclose(line.get_ydata(), shares[:, 1, 1, 0])
    assert all(ax.get_xlabel() for ax in fig.axes) and fig.axes[0].get_ylabel()
    with pytest.raises(ValueError, match=r"block must be an integer in \[0, 2\)"):
        plot_attention_shares({"trained": shares}, block=2)
    with pytest.raises(ValueError, match=r"must have shape \[T, blocks, H, 3\]"):
        plot_attention_shares({"trained": shares[..., :2]})
