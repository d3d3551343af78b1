"""Pure plotting functions: arrays in, a matplotlib ``Figure`` out (lessons 4-6 and the CLI).

Every function builds its figure with the object-oriented API (``matplotlib.figure.Figure``), so
nothing touches pyplot's global state: it works headless (Agg), never opens a window, and the
caller decides what to do with the result. In Jupyter, a returned figure displays itself when it
is the last expression of a cell; elsewhere call ``fig.savefig("plot.png")``.

* :func:`plot_learning_curves` -- loss and accuracy against training step, for one or several
  models, each with one run or several seeds (median line and min-max band).
* :func:`plot_sweep` -- overall and relational test accuracy of a multi-seed sweep against step
  and against training time (median line, min-max band), with chance, shortcut and plateau lines.
* :func:`plot_attention` -- one heatmap per head for one attention block at one time step.
* :func:`plot_attention_over_time` -- heads (rows) x time steps (columns) for one sequence.
* :func:`plot_nth_farthest_question` -- one N-th Farthest question: objects, m, ranked distances, answer.
* :func:`plot_rank_accuracy` -- test accuracy per asked rank, per model (median and min-max over seeds).
* :func:`attention_shares` / :func:`plot_attention_shares` -- how much the memory slots read the
  input row, themselves and each other, per head and step.

The instructor demos (``rmc_course.demos.widgets`` adds the sliders, ``rmc_course.demos.data`` makes the arrays):

* :func:`plot_attention_sharpness` -- toy attention per head, with each head's row entropy.
* :func:`plot_attention_map` -- one attention map with its numbers written in the cells.
* :func:`plot_memory_survival` -- forget-gate survival and similarity to the start, over steps.
* :func:`plot_memory_step` -- memory before a step, the attention of that step, memory after.
* :func:`plot_cost` -- measured time and memory of several models against one size setting.

Wrong shapes raise ``ValueError`` naming the expected and actual shapes.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
import torch
from matplotlib.figure import Figure

from .shapes import check_shape
from .tasks.nth_farthest import _ordinal

__all__ = [
    "plot_learning_curves",
    "plot_sweep",
    "plot_attention",
    "plot_attention_over_time",
    "plot_nth_farthest_question",
    "plot_rank_accuracy",
    "attention_shares",
    "plot_attention_shares",
    "plot_attention_sharpness",
    "plot_attention_map",
    "plot_memory_survival",
    "plot_memory_step",
    "plot_cost",
]

_CMAP = "viridis"


# ---------------------------------------------------------------------------------------------
# helpers


def _as_tensor(name: str, values) -> torch.Tensor:
    """numpy array / tensor / nested list -> detached float CPU tensor (ValueError if impossible)."""
    if isinstance(values, torch.Tensor):
        return values.detach().to("cpu", torch.float32)
    try:
        return torch.as_tensor(np.asarray(values, dtype=np.float32))
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be an array of numbers, got {type(values).__name__}") from error


def _slot_labels(size: int, input_row: bool) -> list[str]:
    """['0', '1', ..., 'input'] -- the last row/column is the input in the paper's 'row' mode."""
    if input_row:
        return [str(i) for i in range(size - 1)] + ["input"]
    return [str(i) for i in range(size)]


def _check_labels(name: str, labels, size: int) -> list[str] | None:
    if labels is None:
        return None
    labels = [str(label) for label in labels]
    if len(labels) != size:
        raise ValueError(f"{name} must have {size} entries (one per row/column), got {len(labels)}")
    return labels


def _heatmap(
    ax, matrix: np.ndarray, query_labels, key_labels, show_y: bool = True, show_x: bool = True, fontsize: float = 8
):
    image = ax.imshow(matrix, vmin=0.0, vmax=1.0, cmap=_CMAP, interpolation="nearest", aspect="equal")
    ax.set_xticks(range(matrix.shape[1]))
    ax.set_yticks(range(matrix.shape[0]))
    if show_x:
        ax.set_xticklabels(key_labels, fontsize=fontsize, rotation=90)
        ax.set_xlabel("key slot")
    else:
        ax.set_xticklabels([])
    if show_y:
        ax.set_yticklabels(query_labels, fontsize=fontsize)
        ax.set_ylabel("query slot")
    else:
        ax.set_yticklabels([])
    return image


# ---------------------------------------------------------------------------------------------
# learning curves

_HISTORY_KEYS = ("train_loss", "test_loss", "train_acc", "test_acc")


def _check_history(name: str, history) -> dict[str, np.ndarray]:
    if not isinstance(history, Mapping):
        raise ValueError(f"history of {name} must be a dict with 'step' and metric lists, got {type(history).__name__}")
    if "step" not in history:
        raise ValueError(f"history of {name} needs a 'step' list, got keys {sorted(history)}")
    steps = np.asarray(history["step"], dtype=float)
    if steps.ndim != 1:
        raise ValueError(f"history of {name}: 'step' must have shape [E], got {list(steps.shape)}")
    present = [key for key in _HISTORY_KEYS if key in history]
    if not present:
        raise ValueError(f"history of {name} has none of {list(_HISTORY_KEYS)}, got keys {sorted(history)}")
    checked = {"step": steps}
    for key in present:
        values = np.asarray(history[key], dtype=float)
        if values.shape != steps.shape:
            raise ValueError(
                f"history of {name}: '{key}' must have shape [{len(steps)}] like 'step', got {list(values.shape)}"
            )
        checked[key] = values
    return checked


def _stack_runs(name: str, runs: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Several seeds -> {'step': [E], key: [S, E]} over the steps all runs share (shortest run)."""
    length = min(len(run["step"]) for run in runs)
    steps = runs[0]["step"][:length]
    for run in runs[1:]:
        if not np.array_equal(run["step"][:length], steps):
            raise ValueError(
                f"the runs of {name} were evaluated at different steps; "
                "give every seed the same --eval-every and --steps"
            )
    stacked = {"step": steps}
    for key in _HISTORY_KEYS:
        if all(key in run for run in runs):
            stacked[key] = np.stack([run[key][:length] for run in runs])  # [S, E]
    return stacked


def plot_learning_curves(
    histories: Mapping[str, Mapping | Sequence[Mapping]],
    chance: float | None = None,
    title: str = "N-th Farthest: learning curves",
    reference_lines: Mapping[str, float] | None = None,
) -> Figure:
    """Loss (left) and accuracy (right) against training step.

    ``histories`` maps a model name to one history or a list of histories (one per seed). A
    history is a dict with a ``"step"`` list and any of ``"train_loss"``, ``"test_loss"``,
    ``"train_acc"``, ``"test_acc"`` (lists as long as ``"step"``). Test curves are solid, train
    curves dashed-dotted; with several seeds the line is the median and the band the min-max.
    ``chance`` draws a dashed horizontal line on the accuracy panel; ``reference_lines``
    ({label: accuracy}) draws more, dotted (e.g. what a shortcut without reasoning reaches).
    """
    if not isinstance(histories, Mapping) or not histories:
        raise ValueError("histories must be a non-empty dict {model name: history or list of histories}")
    fig = Figure(figsize=(11, 4.2), layout="constrained")
    loss_ax, acc_ax = fig.subplots(1, 2)
    colors = [f"C{i}" for i in range(10)]
    for index, (name, value) in enumerate(histories.items()):
        runs = [value] if isinstance(value, Mapping) else list(value)
        if not runs:
            raise ValueError(f"histories[{name!r}] is an empty list; give at least one history")
        checked = [_check_history(f"{name!r} (run {i})", run) for i, run in enumerate(runs)]
        stacked = _stack_runs(repr(name), checked)
        steps, color = stacked["step"], colors[index % len(colors)]
        seeds = f" ({len(runs)} seeds: median, min-max)" if len(runs) > 1 else ""
        for ax, kind in ((loss_ax, "loss"), (acc_ax, "acc")):
            for split, style in (("test", "-"), ("train", "-.")):
                key = f"{split}_{kind}"
                if key not in stacked:
                    continue
                values = stacked[key]  # [S, E]
                ax.plot(
                    steps,
                    np.median(values, axis=0),
                    style,
                    color=color,
                    lw=1.8 if split == "test" else 1.2,
                    label=f"{name} {split}{seeds}",
                )
                if len(runs) > 1:
                    ax.fill_between(
                        steps,
                        values.min(axis=0),
                        values.max(axis=0),
                        color=color,
                        alpha=0.2 if split == "test" else 0.1,
                        lw=0,
                    )
    if chance is not None:
        acc_ax.axhline(float(chance), color="grey", ls="--", lw=1.2, label=f"chance ({float(chance):.1%})")
    for label, value in (reference_lines or {}).items():
        acc_ax.axhline(float(value), color="black", ls=":", lw=1.2, label=f"{label} ({float(value):.1%})")
    loss_ax.set(xlabel="training step", ylabel="cross-entropy loss", title="loss")
    acc_ax.set(xlabel="training step", ylabel="accuracy", title="accuracy", ylim=(0.0, 1.0))
    for ax in (loss_ax, acc_ax):
        ax.grid(alpha=0.3)
        if ax.get_legend_handles_labels()[1]:  # an empty legend only warns
            ax.legend(fontsize=8)
    if title:
        fig.suptitle(title)
    return fig


def _stack_sweep_runs(name: str, runs) -> dict[str, np.ndarray]:
    """Seeds of one model -> {'step': [E], 'minutes': [E] (median over seeds), key: [S, E]}."""
    if isinstance(runs, Mapping):
        runs = [runs]
    runs = list(runs)
    if not runs:
        raise ValueError(f"histories[{name!r}] is an empty list; give at least one history")
    needed = ("step", "seconds", "test_acc", "test_rel_acc")
    for i, run in enumerate(runs):
        if not isinstance(run, Mapping) or any(key not in run for key in needed):
            raise ValueError(f"history {i} of {name!r} needs the keys {list(needed)} (a sweep history)")
        lengths = {key: len(run[key]) for key in needed}
        if len(set(lengths.values())) != 1:
            raise ValueError(f"history {i} of {name!r}: lists of different lengths {lengths}")
    length = min(len(run["step"]) for run in runs)
    steps = np.asarray(runs[0]["step"][:length], dtype=float)  # [E]
    for run in runs[1:]:
        if not np.array_equal(np.asarray(run["step"][:length], dtype=float), steps):
            raise ValueError(f"the seeds of {name!r} were evaluated at different steps")
    stacked = {"step": steps}
    for key in needed[1:]:
        stacked[key] = np.asarray([run[key][:length] for run in runs], dtype=float)  # [S, E]
    stacked["minutes"] = np.median(stacked["seconds"], axis=0) / 60.0  # [E]
    return stacked


def plot_sweep(
    histories: Mapping[str, Mapping | Sequence[Mapping]],
    chance: float | None = None,
    shortcut: float | None = None,
    plateau: float | None = None,
    title: str = "N-th Farthest: RMC vs LSTM over seeds",
    target: float | None = 0.9,
) -> Figure:
    """Overall (top) and relational (bottom) test accuracy against step (left) and training time (right).

    ``histories`` maps a model name to a list of sweep histories, one per seed (dicts with equal
    length lists ``"step"``, ``"seconds"`` (training seconds so far), ``"test_acc"`` and
    ``"test_rel_acc"``, as :func:`rmc_course.sweep.train_run` records). Lines are the median over
    seeds, bands the min-max; against time, the x value of an evaluation is the median over seeds
    of its training time. ``chance`` and ``shortcut`` (answer m on the last rank, guess otherwise)
    are drawn on the overall panels, ``plateau`` (guessing among the objects other than m) and
    ``target`` on the relational panels.
    """
    if not isinstance(histories, Mapping) or not histories:
        raise ValueError("histories must be a non-empty dict {model name: list of sweep histories}")
    fig = Figure(figsize=(11, 7.5), layout="constrained")
    axes = fig.subplots(2, 2)  # rows: overall, relational; columns: step, minutes
    for index, (name, runs) in enumerate(histories.items()):
        stacked = _stack_sweep_runs(name, runs)
        seeds = stacked["test_acc"].shape[0]
        label = f"{name} (median of {seeds} seeds, min-max band)" if seeds > 1 else name
        for row, key in enumerate(("test_acc", "test_rel_acc")):
            for column, x in enumerate((stacked["step"], stacked["minutes"])):
                ax = axes[row, column]
                values = stacked[key]  # [S, E]
                ax.plot(x, np.median(values, axis=0), color=f"C{index % 10}", lw=1.8, label=label)
                if seeds > 1:
                    ax.fill_between(x, values.min(axis=0), values.max(axis=0), color=f"C{index % 10}", alpha=0.2, lw=0)
    lines = {
        0: [(chance, "chance", "--", "grey"), (shortcut, "shortcut: answer m on the last rank", ":", "black")],
        1: [(plateau, "plateau: guess among the others", ":", "black"), (target, "target", "--", "green")],
    }
    for row, ylabel in enumerate(("overall test accuracy", "relational test accuracy\n(answer is not m)")):
        for column, xlabel in enumerate(("training step", "training time (minutes, median over seeds)")):
            ax = axes[row, column]
            for value, text, style, color in lines[row]:
                if value is not None:
                    ax.axhline(float(value), color=color, ls=style, lw=1.1, label=f"{text} ({float(value):.0%})")
            ax.set(xlabel=xlabel, ylabel=ylabel, ylim=(0.0, 1.02))
            ax.grid(alpha=0.3)
            ax.legend(fontsize=7, loc="lower right")
    if title:
        fig.suptitle(title, fontsize=10)
    return fig


# ---------------------------------------------------------------------------------------------
# attention


def plot_attention(
    weights,
    title: str | None = None,
    query_labels: Sequence | None = None,
    key_labels: Sequence | None = None,
    input_row: bool = True,
) -> Figure:
    """One heatmap per head for one attention block at one time step.

    ``weights`` [H, Nq, Nk] (e.g. ``attn[b, block]`` from ``core(x, state, return_attention=True)``),
    softmax weights in [0, 1]: row q is what query slot q reads from each key slot. With
    ``input_row=True`` (the paper's 'row' input mode, Nq = Nk = N + 1) the last row and column are
    labelled "input"; pass ``input_row=False`` for 'tile' mode.
    """
    weights = _as_tensor("attention weights", weights)
    check_shape(
        "attention weights",
        weights,
        ("H", "Nq", "Nk"),
        hint="one block at one time step, e.g. attn[0, 0] of attn [B, blocks, H, Nq, Nk]",
    )
    num_heads, num_queries, num_keys = weights.shape
    if num_heads == 0 or num_queries == 0 or num_keys == 0:
        raise ValueError(f"attention weights must be non-empty, got shape {list(weights.shape)}")
    row = input_row and num_queries == num_keys
    query_labels = _check_labels("query_labels", query_labels, num_queries) or _slot_labels(num_queries, row)
    key_labels = _check_labels("key_labels", key_labels, num_keys) or _slot_labels(num_keys, row)

    fig = Figure(figsize=(2.6 * num_heads + 1.2, 3.2), layout="constrained")
    axes = np.atleast_1d(fig.subplots(1, num_heads, squeeze=False)[0])
    matrices = weights.numpy()
    image = None
    for head, ax in enumerate(axes):
        image = _heatmap(ax, matrices[head], query_labels, key_labels, show_y=head == 0)
        ax.set_title(f"head {head}", fontsize=10)
    fig.colorbar(image, ax=list(axes), shrink=0.9, label="attention weight")
    if title:
        fig.suptitle(title)
    return fig


def plot_attention_over_time(
    weights, block: int = 0, title: str | None = None, step_labels: Sequence | None = None, input_row: bool = True
) -> Figure:
    """Attention heatmaps per head over the sequence: H rows x T columns for one block.

    ``weights`` [T, num_blocks, H, Nq, Nk] for *one* sequence (e.g. ``attn[0]`` of the
    ``[B, T, blocks, H, Nq, Nk]`` tensor that ``unroll(..., return_attention=True)`` returns).
    ``step_labels`` titles the columns (default ``t=0``, ``t=1``, ...).
    """
    weights = _as_tensor("attention weights", weights)
    check_shape(
        "attention weights",
        weights,
        ("T", "num_blocks", "H", "Nq", "Nk"),
        hint="one sequence, e.g. attn[0] of attn [B, T, blocks, H, Nq, Nk] from unroll",
    )
    steps, num_blocks, num_heads, num_queries, num_keys = weights.shape
    if min(weights.shape) == 0:
        raise ValueError(f"attention weights must be non-empty, got shape {list(weights.shape)}")
    if isinstance(block, bool) or not isinstance(block, int) or not 0 <= block < num_blocks:
        raise ValueError(f"block must be an integer in [0, {num_blocks}), got {block!r}")
    step_labels = _check_labels("step_labels", step_labels, steps) or [f"t={t}" for t in range(steps)]
    row = input_row and num_queries == num_keys
    query_labels, key_labels = _slot_labels(num_queries, row), _slot_labels(num_keys, row)

    cell = 1.05 + 0.12 * max(num_queries, num_keys)
    fig = Figure(figsize=(cell * steps + 1.4, cell * num_heads + 1.0), layout="constrained")
    axes = fig.subplots(num_heads, steps, squeeze=False)  # [H, T]
    matrices = weights[:, block].numpy()  # [T, H, Nq, Nk]
    image = None
    for head in range(num_heads):
        for t in range(steps):
            ax = axes[head, t]
            image = _heatmap(
                ax, matrices[t, head], query_labels, key_labels, show_y=t == 0, show_x=head == num_heads - 1, fontsize=6
            )
            if t == 0:
                ax.set_ylabel(f"head {head}\nquery slot")
            if head == 0:
                ax.set_title(step_labels[t], fontsize=9)
    fig.colorbar(image, ax=axes.ravel().tolist(), shrink=0.8, label="attention weight")
    fig.suptitle(title or f"attention per head over the sequence (block {block})")
    return fig


# ---------------------------------------------------------------------------------------------
# the N-th Farthest task (lesson 5)


def _planar_view(vectors: np.ndarray) -> tuple[np.ndarray, tuple[str, str]]:
    """[T, F] -> [T, 2]: the vectors themselves when F <= 2, else their first two principal components."""
    if vectors.shape[1] == 1:
        return np.column_stack([vectors[:, 0], np.zeros(len(vectors))]), ("feature 0", "(none)")
    if vectors.shape[1] == 2:
        return vectors, ("feature 0", "feature 1")
    centred = vectors - vectors.mean(axis=0)  # [T, F]
    _, _, directions = np.linalg.svd(centred, full_matrices=False)  # [min(T, F), F]
    return centred @ directions[:2].T, ("principal component 1", "principal component 2")


def plot_nth_farthest_question(
    vectors, m: int, n: int, object_ids=None, prediction: int | None = None, title: str | None = None
) -> Figure:
    """One N-th Farthest question as a picture: the objects (left) and their ranked distances (right).

    ``vectors`` [T, F] are the objects in presentation order and ``object_ids`` [T] the id shown
    at each step (default 0..T-1), e.g. ``task.decode(inputs)`` for one batch element. The
    question is "which object is the (n+1)-th farthest from object m?" (rank index ``n``, 0 =
    farthest, by descending Euclidean distance, as ``NthFarthest`` labels it). Left: the objects
    in the plane (the features themselves when F <= 2, else a PCA projection, which distorts
    distances), m starred and the answer ringed. Right: one bar per rank with the distance from m,
    the asked rank highlighted; its title names the answer. ``prediction`` (an object id) marks a
    model's answer on both panels.
    """
    vectors = _as_tensor("vectors", vectors)
    check_shape("vectors", vectors, ("T", "F"), hint="one sequence, e.g. task.decode(inputs).vectors[0]")
    num_objects = vectors.shape[0]
    if num_objects < 2 or vectors.shape[1] == 0:
        raise ValueError(
            f"vectors must hold at least 2 objects with at least 1 feature, got shape {list(vectors.shape)}"
        )
    if object_ids is None:
        ids = np.arange(num_objects)
    else:
        ids_tensor = _as_tensor("object_ids", object_ids)
        check_shape("object_ids", ids_tensor, (num_objects,), hint="the id shown at each step")
        ids = ids_tensor.numpy().astype(int)
        if sorted(ids.tolist()) != list(range(num_objects)):
            raise ValueError(f"object_ids must be a permutation of 0..{num_objects - 1}, got {ids.tolist()}")
    for name, value in (("m", m), ("n", n)) + ((("prediction", prediction),) if prediction is not None else ()):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 0 <= value < num_objects:
            raise ValueError(f"{name} must be an integer in [0, {num_objects}), got {value!r}")

    by_id = np.empty_like(vectors.numpy(), dtype=np.float64)  # [T, F], row j = object j
    by_id[ids] = vectors.numpy()
    step_of = np.empty(num_objects, dtype=int)
    step_of[ids] = np.arange(num_objects)
    distances = np.linalg.norm(by_id - by_id[m], axis=1)  # [T], by object id
    ranked = np.argsort(-distances, kind="stable")  # [T] object ids, farthest first
    answer = int(ranked[n])

    fig = Figure(figsize=(11, 4.4), layout="constrained")
    plane_ax, rank_ax = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.1, 1.0]})
    points, (x_label, y_label) = _planar_view(by_id)  # [T, 2]
    for obj in range(num_objects):
        plane_ax.plot(*zip(points[m], points[obj]), color="grey", lw=0.6, alpha=0.5)
    plane_ax.scatter(points[:, 0], points[:, 1], s=60, color="C0", zorder=3, label="objects")
    plane_ax.scatter(*points[m], s=260, marker="*", color="C3", zorder=4, label=f"reference m = object {m}")
    plane_ax.scatter(
        *points[answer], s=330, facecolors="none", edgecolors="C2", lw=2.2, zorder=4, label=f"answer: object {answer}"
    )
    if prediction is not None:
        plane_ax.scatter(
            *points[prediction],
            s=140,
            marker="x",
            color="black",
            lw=2,
            zorder=5,
            label=f"model says: object {prediction}",
        )
    for obj in range(num_objects):
        plane_ax.annotate(
            f"obj {obj} (t={step_of[obj]})", points[obj], textcoords="offset points", xytext=(6, 6), fontsize=8
        )
    plane_ax.set(
        xlabel=x_label,
        ylabel=y_label,
        title="the objects" + (" (a 2-D projection; ranks use all features)" if by_id.shape[1] > 2 else ""),
    )
    plane_ax.title.set_fontsize(9)
    plane_ax.set_aspect("equal", adjustable="datalim")  # so distances on screen compare fairly
    plane_ax.legend(fontsize=7, loc="best")
    plane_ax.grid(alpha=0.3)

    colors = ["C2" if k == n else "C0" for k in range(num_objects)]
    rank_ax.barh(np.arange(num_objects), distances[ranked], color=colors)
    rank_ax.set_yticks(np.arange(num_objects))
    rank_ax.set_yticklabels([f"k={k}: obj {obj}" for k, obj in enumerate(ranked)], fontsize=8)
    rank_ax.invert_yaxis()  # farthest (k = 0) on top
    if prediction is not None:
        rank_ax.barh(
            int(np.flatnonzero(ranked == prediction)[0]),
            distances[prediction],
            fill=False,
            edgecolor="black",
            hatch="//",
            lw=1.2,
            label=f"model says: object {prediction}",
        )
        rank_ax.legend(fontsize=7, loc="lower right")
    rank_ax.set(
        xlabel=f"Euclidean distance from object {m}",
        ylabel="rank index k (0 = farthest)",
        title=f"ranked distances: rank k = {n} asked, answer: object {answer}",
    )
    rank_ax.title.set_fontsize(9)
    rank_ax.grid(alpha=0.3, axis="x")
    fig.suptitle(
        title or f"Which object is the {_ordinal(n + 1)} farthest from object {m} (rank k = {n})?", fontsize=10
    )
    return fig


def plot_rank_accuracy(
    rank_accuracy: Mapping[str, Sequence],
    chance: float | None = None,
    reference: Mapping[str, Sequence[float]] | None = None,
    title: str | None = None,
) -> Figure:
    """Test accuracy per asked rank index k, one group of bars per rank, one bar per model.

    ``rank_accuracy`` maps a model name to [K] accuracies (one run) or [S, K] (one row per seed:
    the bar is the median, the whisker the min-max). ``reference`` ({label: [K]}) draws step lines,
    e.g. what the no-reasoning shortcut scores per rank. ``chance`` draws a dashed line.
    """
    if not isinstance(rank_accuracy, Mapping) or not rank_accuracy:
        raise ValueError("rank_accuracy must be a non-empty dict {model name: [K] or [S, K] accuracies}")
    tables = {}
    for name, values in rank_accuracy.items():
        table = np.atleast_2d(np.asarray(values, dtype=float))  # [S, K]
        if table.ndim != 2 or table.size == 0:
            raise ValueError(
                f"rank_accuracy[{name!r}] must have shape [K] or [S, K], got {list(np.asarray(values).shape)}"
            )
        tables[name] = table
    num_ranks = next(iter(tables.values())).shape[1]
    for name, table in tables.items():
        if table.shape[1] != num_ranks:
            raise ValueError(f"rank_accuracy[{name!r}] has {table.shape[1]} ranks, the first model {num_ranks}")
    fig = Figure(figsize=(max(6.0, 1.1 * num_ranks + 3.0), 3.8), layout="constrained")
    ax = fig.subplots()
    ranks = np.arange(num_ranks)
    width = 0.8 / len(tables)
    for index, (name, table) in enumerate(tables.items()):
        median = np.nanmedian(table, axis=0)  # [K]
        offset = (index - (len(tables) - 1) / 2) * width
        seeds = f" (median of {table.shape[0]} seeds, min-max)" if table.shape[0] > 1 else ""
        ax.bar(ranks + offset, median, width=width, color=f"C{index % 10}", label=f"{name}{seeds}")
        if table.shape[0] > 1:
            ax.errorbar(
                ranks + offset,
                median,
                yerr=[median - np.nanmin(table, axis=0), np.nanmax(table, axis=0) - median],
                fmt="none",
                ecolor="black",
                lw=1,
                capsize=3,
            )
    for index, (label, values) in enumerate((reference or {}).items()):
        values = np.asarray(values, dtype=float)
        if values.shape != (num_ranks,):
            raise ValueError(f"reference[{label!r}] must have shape [{num_ranks}], got {list(values.shape)}")
        ax.step(
            np.append(ranks, num_ranks) - 0.5,
            np.append(values, values[-1]),
            where="post",
            color="black",
            ls=[":", "-."][index % 2],
            lw=1.3,
            label=label,
        )
    if chance is not None:
        ax.axhline(float(chance), color="grey", ls="--", lw=1.1, label=f"chance ({float(chance):.1%})")
    ax.set_xticks(ranks)
    ax.set_xticklabels([f"k={k}" + ("\n(m itself)" if k == num_ranks - 1 else "") for k in ranks], fontsize=8)
    ax.set(xlabel="rank index k asked (0 = farthest)", ylabel="test accuracy", ylim=(0.0, 1.05))
    ax.grid(alpha=0.3, axis="y")
    ax.legend(fontsize=7, loc="upper left")
    if title:
        ax.set_title(title, fontsize=10)
    return fig


# ---------------------------------------------------------------------------------------------
# instructor demos (rmc_course.demos.widgets wraps each in sliders)


def _row_entropy(matrix: np.ndarray) -> np.ndarray:
    safe = np.where(matrix > 0, matrix, 1.0)
    return -(matrix * np.log(safe)).sum(axis=-1)


def plot_attention_sharpness(
    weights, temperature: float | None = None, scaled: bool | None = None, slot_labels: Sequence | None = None
) -> Figure:
    """Attention weights of a toy memory, one heatmap per head, titled with each head's entropy.

    ``weights`` [H, N, N] (rows sum to 1). The mean row entropy (nats) tells how sharp a head
    is: 0 = every query reads one slot, log N = every query reads all slots equally. The
    suptitle names ``temperature`` and whether the scores were divided by sqrt(d_k) (``scaled``).
    """
    weights = _as_tensor("attention weights", weights)
    check_shape("attention weights", weights, ("H", "N", "N"), hint="one square map per head")
    num_heads, num_slots, _ = weights.shape
    if num_heads == 0 or num_slots == 0:
        raise ValueError(f"attention weights must be non-empty, got shape {list(weights.shape)}")
    labels = _check_labels("slot_labels", slot_labels, num_slots) or [str(i) for i in range(num_slots)]
    matrices = weights.numpy()
    # a fixed layout, not "constrained": the demos redraw on every slider move, and the layout
    # engine would double the drawing time
    width = max(2.5 * num_heads + 2.0, 5.5)
    fig = Figure(figsize=(width, 3.8))
    right = 1.0 - 1.3 / width
    fig.subplots_adjust(left=0.8 / width, right=right, bottom=0.17, top=0.7, wspace=0.12)
    axes = fig.subplots(1, num_heads, squeeze=False)[0]
    image = None
    for head, ax in enumerate(axes):
        image = _heatmap(ax, matrices[head], labels, labels, show_y=head == 0)
        entropy = float(_row_entropy(matrices[head]).mean())
        ax.set_title(f"head {head}\nentropy {entropy:.2f} of {np.log(num_slots):.2f}", fontsize=9)
    fig.colorbar(image, cax=fig.add_axes((right + 0.25 / width, 0.17, 0.15 / width, 0.53)), label="attention weight")
    parts = []
    if temperature is not None:
        parts.append(f"temperature T = {float(temperature):.3g}")
    if scaled is not None:
        parts.append("scores / sqrt(d_k)" if scaled else "scores NOT divided by sqrt(d_k)")
    fig.suptitle("toy memory, softmax(q·k / (sqrt(d_k)·T))" + ("\n" + ", ".join(parts) if parts else ""), fontsize=10)
    return fig


def plot_attention_map(
    weights,
    title: str | None = None,
    query_labels: Sequence | None = None,
    key_labels: Sequence | None = None,
    input_row: bool = True,
    annotate: bool = True,
) -> Figure:
    """One attention map ``weights`` [Nq, Nk] as a heatmap, each cell's weight written in it.

    As :func:`plot_attention`, the last row and column are labelled "input" when
    ``input_row=True`` and the map is square (the paper's 'row' input mode).
    """
    weights = _as_tensor("attention weights", weights)
    check_shape(
        "attention weights",
        weights,
        ("Nq", "Nk"),
        hint="one head of one block at one step, e.g. attn[b, t, block, head]",
    )
    num_queries, num_keys = weights.shape
    if num_queries == 0 or num_keys == 0:
        raise ValueError(f"attention weights must be non-empty, got shape {list(weights.shape)}")
    row = input_row and num_queries == num_keys
    query_labels = _check_labels("query_labels", query_labels, num_queries) or _slot_labels(num_queries, row)
    key_labels = _check_labels("key_labels", key_labels, num_keys) or _slot_labels(num_keys, row)
    matrix = weights.numpy()
    fig = Figure(figsize=(max(2.2 + 0.75 * num_keys, 7.0), 1.4 + 0.65 * num_queries), layout="constrained")
    ax = fig.subplots()
    image = _heatmap(ax, matrix, query_labels, key_labels, fontsize=9)
    if annotate:
        for q in range(num_queries):
            for k in range(num_keys):
                value = matrix[q, k]
                ax.text(
                    k,
                    q,
                    f"{value:.2f}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="black" if value > 0.6 else "white",
                )
    fig.colorbar(image, ax=ax, shrink=0.9, label="attention weight")
    if title:
        ax.set_title(title, fontsize=9)
    return fig


def plot_memory_survival(
    curves: Mapping[str, Mapping], highlight: str | None = None, title: str | None = None
) -> Figure:
    """How much of the starting memory survives, against the step, for one or more gate settings.

    ``curves`` maps a label to a dict of equal-length arrays: ``"step"``, ``"kept"`` (product of
    the forget gates, NaN when there are no gates) and ``"similarity"`` (cosine similarity of the
    memory to its start); see ``rmc_course.demos.data.gate_survival``. The ``highlight`` curve is drawn
    thick, the others thin and faded, for comparison.
    """
    if not isinstance(curves, Mapping) or not curves:
        raise ValueError("curves must be a non-empty dict {label: {'step', 'kept', 'similarity'}}")
    if highlight is not None and highlight not in curves:
        raise ValueError(f"highlight must be one of {list(curves)}, got {highlight!r}")
    fig = Figure(figsize=(10, 3.9))  # fixed layout: redrawn on every slider move
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.13, top=0.82, wspace=0.22)
    kept_ax, similar_ax = fig.subplots(1, 2)
    for index, (label, curve) in enumerate(curves.items()):
        for key in ("step", "kept", "similarity"):
            if key not in curve:
                raise ValueError(f"curves[{label!r}] needs a {key!r} array, got keys {sorted(curve)}")
        steps = np.asarray(curve["step"], dtype=float)
        kept = np.asarray(curve["kept"], dtype=float)
        similarity = np.asarray(curve["similarity"], dtype=float)
        if steps.ndim != 1 or kept.shape != steps.shape or similarity.shape != steps.shape:
            raise ValueError(
                f"curves[{label!r}]: 'step', 'kept' and 'similarity' must have the same shape [T], "
                f"got {list(steps.shape)}, {list(kept.shape)}, {list(similarity.shape)}"
            )
        bold = highlight is None or label == highlight
        style = dict(color=f"C{index % 10}", lw=2.4 if bold else 1.0, alpha=1.0 if bold else 0.45, label=label)
        if np.isnan(kept).all():
            kept_ax.plot([], [], **style)  # legend entry only: no gates, nothing to keep
        else:
            kept_ax.plot(steps, kept, **style)
        similar_ax.plot(steps, similarity, **style)
    kept_ax.set(
        xlabel="step t",
        ylabel="product of forget gates up to t",
        ylim=(-0.02, 1.02),
        title="forget path: share of M_0 kept in M_t",
    )
    similar_ax.set(
        xlabel="step t",
        ylabel="cosine(M_t slot, M_0 slot), mean",
        ylim=(-0.5, 1.02),
        title="measured: how recognisable M_0 still is",
    )
    for ax in (kept_ax, similar_ax):
        ax.grid(alpha=0.3)
        if ax.get_legend_handles_labels()[1]:  # an empty legend only warns
            ax.legend(fontsize=8)
    if title:
        fig.suptitle(title, fontsize=10)
    return fig


def plot_memory_step(
    memory_before, attention, memory_after, title: str | None = None, input_row: bool = True
) -> Figure:
    """One step of the RMC: the memory it starts from, its attention per head, the memory after.

    ``memory_before``, ``memory_after`` [N, F]; ``attention`` [H, Nq, Nk] (one block at this
    step). The two memories share one colour scale, centred on 0.
    """
    before = _as_tensor("memory_before", memory_before)
    check_shape("memory_before", before, ("N", "F"), hint="memory of one sequence, e.g. memory[b, t]")
    after = _as_tensor("memory_after", memory_after)
    check_shape("memory_after", after, tuple(before.shape), hint="the memory after the step has the same shape")
    attention = _as_tensor("attention", attention)
    check_shape("attention", attention, ("H", "Nq", "Nk"), hint="one block at this step, e.g. attn[b, t, block]")
    num_heads, num_queries, num_keys = attention.shape
    if min(attention.shape) == 0 or min(before.shape) == 0:
        raise ValueError(
            f"memory and attention must be non-empty, got shapes {list(before.shape)} and {list(attention.shape)}"
        )
    row = input_row and num_queries == num_keys
    query_labels, key_labels = _slot_labels(num_queries, row), _slot_labels(num_keys, row)
    limit = float(max(before.abs().max(), after.abs().max(), 1e-6))
    width = 3.2 * 2 + 2.0 * num_heads + 1.5
    fig = Figure(figsize=(width, 3.6))  # fixed layout: redrawn on every slider move and Play step
    right = 1.0 - 1.0 / width
    fig.subplots_adjust(left=0.5 / width, right=right, bottom=0.3, top=0.78, wspace=0.3)
    ratios = [2.0] + [1.0] * num_heads + [2.0]
    axes = fig.subplots(1, num_heads + 2, gridspec_kw={"width_ratios": ratios})
    memory_image = None
    for ax, matrix, name in ((axes[0], before, "memory before (M_t)"), (axes[-1], after, "memory after (M_t+1)")):
        memory_image = ax.imshow(
            matrix.numpy(), cmap="RdBu_r", vmin=-limit, vmax=limit, interpolation="nearest", aspect="auto"
        )
        ax.set(xlabel="unit", ylabel="slot", title=name)
        ax.set_yticks(range(before.shape[0]))
        ax.title.set_fontsize(9)
    attention_image = None
    for head in range(num_heads):
        ax = axes[1 + head]
        attention_image = _heatmap(ax, attention[head].numpy(), query_labels, key_labels, show_y=head == 0, fontsize=7)
        ax.set_title(f"attention head {head}", fontsize=9)
    fig.colorbar(memory_image, cax=fig.add_axes((right + 0.1 / width, 0.3, 0.12 / width, 0.48)), label="memory value")
    first, last = axes[1].get_position(), axes[-2].get_position()
    fig.colorbar(
        attention_image,
        cax=fig.add_axes((first.x0, 0.06, last.x1 - first.x0, 0.035)),
        orientation="horizontal",
        label="attention weight",
    )
    if title:
        fig.suptitle(title, fontsize=10)
    return fig


def plot_cost(
    series: Mapping[str, Mapping],
    x_label: str,
    highlight_x: float | None = None,
    title: str | None = None,
    time_label: str = "time per call (ms)",
    memory_label: str = "peak memory growth (MiB)",
    log_x: bool = True,
    log_y: bool = True,
) -> Figure:
    """Measured time (left) and memory (right) of several models against one size setting.

    ``series`` maps a model name to a dict of equal-length arrays ``"x"``, ``"time"`` and
    ``"memory"`` (``"memory"`` may be absent or NaN where nothing was measured), and optionally
    ``"time_exponent"`` / ``"memory_exponent"``: a fitted k of cost ~ x**k, shown in the legend.
    ``highlight_x`` draws a vertical line at the setting chosen in the demo. Both axes are
    logarithmic by default, so a power law is a straight line of slope k.
    """
    from matplotlib.ticker import FuncFormatter, NullFormatter

    if not isinstance(series, Mapping) or not series:
        raise ValueError("series must be a non-empty dict {model: {'x', 'time', 'memory'}}")
    fig = Figure(figsize=(10, 4.2))  # fixed layout: redrawn on every control change
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.12, top=0.78, wspace=0.22)
    time_ax, memory_ax = fig.subplots(1, 2)
    markers = "osD^v<>"
    all_x: set[float] = set()
    for index, (name, values) in enumerate(series.items()):
        for key in ("x", "time"):
            if key not in values:
                raise ValueError(f"series[{name!r}] needs the array {key!r}, got keys {sorted(values)}")
        x = np.asarray(values["x"], dtype=float)
        time = np.asarray(values["time"], dtype=float)
        memory = np.asarray(values.get("memory", np.full_like(x, np.nan)), dtype=float)
        if x.ndim != 1 or time.shape != x.shape or memory.shape != x.shape:
            raise ValueError(
                f"series[{name!r}]: 'x', 'time' and 'memory' must have the same shape [P], "
                f"got {list(x.shape)}, {list(time.shape)}, {list(memory.shape)}"
            )
        all_x.update(x.tolist())
        order = np.argsort(x)
        for ax, y, exponent in (
            (time_ax, time, values.get("time_exponent")),
            (memory_ax, memory, values.get("memory_exponent")),
        ):
            if np.isnan(y).all():
                continue
            label = name + (f" (~ x^{exponent:.2f})" if exponent is not None else "")
            ax.plot(x[order], y[order], color=f"C{index % 10}", marker=markers[index % len(markers)], label=label)
    time_ax.set(xlabel=x_label, ylabel=time_label, title="measured time")
    memory_ax.set(xlabel=x_label, ylabel=memory_label, title="measured memory")
    plain = FuncFormatter(lambda value, _: f"{value:g}")
    # minor ticks of a log axis: label 2, 3 and 5 times a power of ten only
    sparse = FuncFormatter(
        lambda value, _: (
            f"{value:g}" if value > 0 and round(value / 10 ** np.floor(np.log10(value))) in (2, 3, 5) else ""
        )
    )
    for ax in (time_ax, memory_ax):
        if log_x:
            ax.set_xscale("log", base=2)
            ax.set_xticks(sorted(all_x))
            ax.xaxis.set_major_formatter(plain)
            ax.xaxis.set_minor_formatter(NullFormatter())
        if log_y:
            ax.set_yscale("log")
            ax.yaxis.set_major_formatter(plain)
            ax.yaxis.set_minor_formatter(sparse)
        if highlight_x is not None:
            ax.axvline(float(highlight_x), color="grey", ls="--", lw=1)
        ax.grid(alpha=0.3, which="both")
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=8)
    if title:
        fig.suptitle(title, fontsize=10)
    return fig


# ---------------------------------------------------------------------------------------------
# what a trained RMC reads (lesson 6)

SHARE_NAMES = ("the input row", "its own slot", "the other slots")


def attention_shares(weights) -> np.ndarray:
    """How the memory slots split their attention: [T, blocks, H, 3] from weights [B, T, blocks, H, N+1, N+1].

    ``weights`` come from ``unroll(..., return_attention=True)`` in the paper's 'row' input mode
    (the last row and column are the input). For every step, block and head, the three numbers
    are the attention a memory slot's query puts on the input row, on its own slot and on the
    other slots (in that order, see ``SHARE_NAMES``), averaged over the N slots and the batch;
    they sum to 1. The input row's own query is left out: its row is dropped after attention.
    """
    weights = _as_tensor("attention weights", weights)
    check_shape(
        "attention weights",
        weights,
        ("B", "T", "num_blocks", "H", "Nq", "Nk"),
        hint="the [B, T, blocks, H, N+1, N+1] tensor of unroll(..., return_attention=True)",
    )
    size = weights.shape[-1]
    if weights.shape[-2] != size or size < 2 or min(weights.shape) == 0:
        raise ValueError(
            "attention weights must be square maps over N memory slots + the input row "
            f"('row' input mode, N >= 1), got shape {list(weights.shape)}"
        )
    slots = size - 1
    memory_queries = weights[..., :slots, :]  # [B, T, blocks, H, N, N+1]
    to_input = memory_queries[..., slots]  # [B, T, blocks, H, N]
    to_self = torch.diagonal(memory_queries[..., :slots], dim1=-2, dim2=-1)  # [B, T, blocks, H, N]
    to_others = memory_queries[..., :slots].sum(dim=-1) - to_self  # [B, T, blocks, H, N]
    shares = torch.stack([to_input, to_self, to_others], dim=-1)  # [B, T, blocks, H, N, 3]
    return shares.mean(dim=(0, 4)).numpy()  # [T, blocks, H, 3]


def plot_attention_shares(shares: Mapping[str, object], block: int = 0, title: str | None = None) -> Figure:
    """Attention of the memory slots split into input row / own slot / other slots, per head, over steps.

    ``shares`` maps a model name (e.g. "trained", "untrained") to an array [T, blocks, H, 3] from
    :func:`attention_shares`. One row of panels per model, one column per head; each panel has
    three lines against the time step.
    """
    if not isinstance(shares, Mapping) or not shares:
        raise ValueError("shares must be a non-empty dict {model name: [T, blocks, H, 3] array}")
    arrays = {}
    for name, values in shares.items():
        array = np.asarray(values, dtype=float)
        if array.ndim != 4 or array.shape[-1] != len(SHARE_NAMES) or min(array.shape) == 0:
            raise ValueError(f"shares[{name!r}] must have shape [T, blocks, H, 3], got {list(array.shape)}")
        arrays[name] = array
    first = next(iter(arrays.values()))
    if isinstance(block, bool) or not isinstance(block, int) or not 0 <= block < first.shape[1]:
        raise ValueError(f"block must be an integer in [0, {first.shape[1]}), got {block!r}")
    num_heads = first.shape[2]
    for name, array in arrays.items():
        if array.shape[1:3] != first.shape[1:3]:
            raise ValueError(
                f"shares[{name!r}] has blocks x heads {list(array.shape[1:3])}, "
                f"the first model {list(first.shape[1:3])}"
            )
    fig = Figure(figsize=(2.9 * num_heads + 1.0, 2.6 * len(arrays) + 0.6), layout="constrained")
    axes = fig.subplots(len(arrays), num_heads, squeeze=False, sharey=True)  # [models, H]
    styles = (("C3", "o", "-"), ("C0", "s", "--"), ("C2", "^", ":"))
    for row, (name, array) in enumerate(arrays.items()):
        steps = np.arange(array.shape[0])
        for head in range(num_heads):
            ax = axes[row, head]
            for index, label in enumerate(SHARE_NAMES):
                color, marker, style = styles[index]
                ax.plot(steps, array[:, block, head, index], color=color, marker=marker, ls=style, label=label)
            ax.set(ylim=(0.0, 1.0), xticks=steps, xlabel="time step t")
            ax.set_title(f"{name}: head {head}", fontsize=9)
            ax.grid(alpha=0.3)
            if head == 0:
                ax.set_ylabel("share of a slot's attention")
    axes[0, 0].legend(fontsize=7, title="a memory slot reads", title_fontsize=7)
    fig.suptitle(title or f"what the memory slots read, averaged over slots and examples (block {block})", fontsize=10)
    return fig
