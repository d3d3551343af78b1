"""Exercise 5 (lesson 05): the N-th Farthest labels by hand, and one training step.

The graders' checks of this exercise, with teaching feedback: each ``check_<name>(fn)`` runs the
learner's ``fn`` on small, *distinct* sizes and several seeds, compares it with the ``rmc_ref``
code it mirrors and, on a difference, raises :class:`~rmc_course.guard.CheckFailed` saying what is
wrong, naming the misconception (below) the result matches. ``hidden=True`` uses other sizes and
seeds (the hidden tests). The exercise notebook imports this module as ``checks``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Callable

import torch
import torch.nn.functional as F

from rmc_course.exercises.harness import Case, Misconception, build, passed, run_check
from rmc_course.guard import CheckFailed, Exercise, call_learner, class_codes, code_objects, seal  # noqa: F401 (CheckFailed: what test cells and tests catch, as checks.CheckFailed)
from rmc_ref import classifier, core, train
from rmc_ref.tasks import nth_farthest

_EX_5_1 = Exercise(
    "5.1",
    "nth_farthest_labels",
    "the labels of rmc_ref.tasks.nth_farthest.NthFarthest.sample",
    allowed=class_codes(nth_farthest.NthFarthest) - code_objects(nth_farthest.NthFarthest.sample),
)
_EX_5_2 = Exercise(
    "5.2",
    "train_step",
    "the training step of rmc_ref.train.train_one",
    allow_all=True,
    # every module of the rmc_ref.train package: a train_step that runs any of its code scores 0
    denied_files=frozenset(os.path.realpath(path) for path in Path(train.__file__).parent.glob("*.py")),
)


def _labels_probes(make: Callable[[], tuple], got: Any, expected: Any, learner: Callable) -> tuple[str, str] | None:
    """Which rank the learner's answers are, in the descending order of Euclidean distance from m, and
    whether another distance would give them."""
    task, inputs = make()  # NthFarthest, [B, T, D]
    if not isinstance(got, torch.Tensor) or got.shape != expected.shape:
        return None
    vectors, object_ids, m, n = task.decode(inputs)  # [B, T, F], [B, T], [B], [B]
    batch = torch.arange(inputs.shape[0])
    reference = vectors[batch, (object_ids == m[:, None]).long().argmax(dim=1)]  # [B, F]

    def ranked_ids(distances: torch.Tensor) -> torch.Tensor:  # [B, T] -> ids by descending distance
        return object_ids.gather(1, distances.argsort(dim=1, descending=True))

    distances = (vectors - reference[:, None, :]).norm(dim=-1)  # [B, T]
    euclid = ranked_ids(distances)  # [B, T]
    m_first = ranked_ids(distances.masked_fill(object_ids == m[:, None], float("inf")))  # [B, T]
    if torch.equal(m_first[batch, n], got.long()) and not torch.equal(euclid[batch, n], got.long()):
        return (
            "your order puts object m itself first, as the farthest: its distance to itself (0) was made the "
            "largest (set to inf, or a large value, to leave it out?). Object m keeps its distance 0, so it is the "
            "nearest and comes last in the descending order; n = 0 asks for the farthest *other* object, which is "
            "`order[:, 0]` with nothing removed",
            "m-ranked-first",
        )
    found = (euclid == got.long()[:, None]).long()  # [B, T]
    if bool((found.sum(dim=1) == 1).all()):
        offsets = found.argmax(dim=1) - n  # [B]
        values, counts = offsets.unique(return_counts=True)
        k = int(values[counts.argmax()])
        if k != 0 and int(counts.max()) >= 0.6 * len(offsets):
            return (
                f"most of your answers are {abs(k)} rank{'s' if abs(k) > 1 else ''} "
                f"{'further down' if k > 0 else 'further up'} the order than asked (the object at position "
                f"n {'+' if k > 0 else '-'} {abs(k)} of the descending order): n counts from 0, so n = 0 asks for "
                "the farthest object, the first of the order sorted by descending distance, `order[:, n]`",
                "rank-offset",
            )
    swapped = ranked_ids(
        (vectors - vectors[batch, (object_ids == n[:, None]).long().argmax(dim=1)][:, None]).norm(dim=-1)
    )
    if torch.equal(swapped[batch, m], got.long()) and not torch.equal(euclid[batch, n], got.long()):
        return (
            "your answers are the right ones with m and n in each other's place: `task.decode(inputs)` returns "
            "(vectors, object_ids, m, n) in that order; m is the object to measure from, n the rank asked for",
            "m-n-swapped",
        )
    found = _order_problem(make, got, expected, learner)
    if found is not None:
        return found
    origins = (
        ("object m's vector", reference),
        ("the origin (each object's own length, m's vector never subtracted)", torch.zeros_like(reference)),
        ("the mean of the objects", vectors.mean(dim=1)),
    )
    norms = (
        ("the Euclidean distance", 2),
        ("the L1 distance (a sum of absolute differences)", 1),
        ("the largest coordinate difference", float("inf")),
    )
    for origin_label, origin in origins:
        for norm_label, p in norms:
            for descending in (True, False):
                if (origin is reference, p, descending) == (True, 2, True):
                    continue  # the right answer
                distances = (vectors - origin[:, None, :]).norm(p=p, dim=-1)  # [B, T]
                order = object_ids.gather(1, distances.argsort(dim=1, descending=descending))  # [B, T]
                if not torch.equal(order[batch, n], got.long()):
                    continue
                wrong = []
                if origin is not reference:
                    wrong.append(f"measured from {origin_label}, not from object m's vector")
                if p != 2:
                    wrong.append(f"by {norm_label}, not the Euclidean distance")
                if not descending:
                    wrong.append("ranked from the nearest, not from the farthest")
                return (
                    "your answers are the right ones for distances " + " and ".join(wrong) + ": the task ranks "
                    "objects by `(vectors - m_vector).norm(dim=-1)`, the Euclidean distance from object m, "
                    "farthest first (`descending=True`)",
                    "wrong-distance",
                )
    return None


def _order_problem(make: Callable[[], tuple], got: Any, expected: Any, learner: Callable) -> tuple[str, str] | None:
    """The answer is an object id, so showing the same objects in another order must not change it: try the
    learner's function on the steps put in id order (object k at step k) and in reverse."""
    task, inputs = make()  # NthFarthest, [B, T, D]
    object_ids = task.decode(inputs).object_ids  # [B, T]
    order = object_ids.argsort(dim=1)  # [B, T]: the step that shows object k
    in_id_order = inputs.gather(1, order[:, :, None].expand_as(inputs))  # [B, T, D]
    try:
        sorted_answer = learner(task, in_id_order)
        reversed_answer = learner(task, inputs.flip(1))
    except Exception:  # noqa: BLE001 - the probe only looks at answers
        return None
    if not all(isinstance(a, torch.Tensor) and a.shape == expected.shape for a in (sorted_answer, reversed_answer)):
        return None
    if torch.equal(sorted_answer.long(), expected.long()):
        return (
            "your answers are right when the objects are shown in id order (object k at step k) and wrong when they "
            "are shuffled: somewhere a step position stands where an object id belongs, or the shuffle is undone "
            "the wrong way round (`vectors.gather(1, object_ids)` puts the vector shown at step object_ids[k] in "
            "place k, not object k's vector; the step that shows object k is `object_ids.argsort(dim=1)[:, k]`, or "
            "`(object_ids == k).argmax(dim=1)`)",
            "steps-as-ids",
        )
    if not torch.equal(reversed_answer.long(), got.long()):
        return (
            "your answers change when the same objects are shown in another order (the steps reversed), though the "
            "question is about objects, not steps: find object m's step from its id, and answer with the id of "
            "the object at the step you pick (`object_ids[b, step]`), never with a step position",
            "steps-as-ids",
        )
    return None


def check_nth_farthest_labels(fn: Callable, hidden: bool = False) -> None:
    """Exercise 5.1: ``fn(task, inputs) -> labels [B]``: the answer of every question, by hand."""
    __tracebackhide__ = True
    sizes = [(6, 4, 5, 101), (3, 2, 9, 102)] if hidden else [(5, 3, 8, 70), (4, 6, 8, 71)]
    cases = []
    for objects, features, batch, seed in sizes:
        task = nth_farthest.NthFarthest(num_objects=objects, num_features=features)

        def sample(task=task, batch=batch, seed=seed):
            return task.sample(batch, generator=torch.Generator().manual_seed(seed))

        cases.append(
            Case(
                f"NthFarthest(num_objects={objects}, num_features={features}), a batch of {batch}, seed {seed}",
                lambda task=task, sample=sample: (task, sample()[0]),
                expected=lambda sample=sample: sample()[1],
            )
        )
    run_check(_EX_5_1, fn, None, cases, ("labels",), bank("5.1"), probes=_labels_probes)
    passed(_EX_5_1, hidden)


def _reference_train_step(model, optimizer, inputs, labels):
    """One step of rmc_ref.train.train_one's loop (without its logging)."""
    logits = model(inputs)  # [B, C]
    loss = F.cross_entropy(logits, labels)
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()
    return loss.item()


def _train_probes(make: Callable[[], tuple], got: Any, expected: Any, learner: Callable) -> tuple[str, str] | None:
    """What the returned loss is, when it is not the loss of this batch before the update."""
    losses, want = got[:2], expected[:2]
    if not all(isinstance(v, float) for v in losses):
        return None
    update_right = torch.allclose(got[2], expected[2], rtol=1e-6, atol=1e-7)
    model, optimizer, batches = make()
    inputs, labels = batches[0]
    with torch.no_grad():
        logits = model(inputs)  # [B, C]
    _reference_train_step(model, optimizer, inputs, labels)
    with torch.no_grad():
        after = F.cross_entropy(model(inputs), labels).item()
    close = lambda a, b: abs(a - b) <= 1e-6 * max(1.0, abs(b))  # noqa: E731
    if close(losses[0], after):
        return (
            "the loss you return is the loss of the model *after* optimizer.step(), computed again: return the "
            "value of the loss you called backward() on (`loss.item()`), before or after the step, not a new one",
            "loss-after-step",
        )
    if close(losses[0], -logits.gather(1, labels[:, None]).mean().item()):
        return (
            "your loss is -mean(logits[label]): the raw logits went into nll_loss, which expects "
            "log-probabilities. Use `F.cross_entropy(logits, labels)` (it applies log_softmax itself)",
            "loss-on-logits",
        )
    batch = labels.shape[0]
    if close(losses[0], want[0] * batch):
        return (
            f"your loss is {batch} (the batch size) times the mean: it is summed over the batch "
            "(`reduction='sum'` or a sum of per-example losses). The loss is the mean over the batch, "
            "`F.cross_entropy`'s default, so it does not grow with the batch size",
            "loss-summed",
        )
    found = _optimizer_problem(make, learner) if close(losses[0], want[0]) and not update_right else None
    if found is not None:
        return found
    if not close(losses[0], want[0]) and not update_right:
        return _first_loss_problem(model_before=make()[0], inputs=inputs, labels=labels, got=losses[0], want=want[0])
    ratio = losses[0] / want[0] if want[0] else 0.0
    if update_right and ratio > 0 and close(losses[1], ratio * want[1]) and not close(ratio, 1.0):
        return (
            f"your loss is {ratio:.4g} times `F.cross_entropy(logits, labels)` in both steps (Adam's update does not "
            "change when the loss is multiplied by a constant, so only the returned loss shows it): compute "
            "exactly `F.cross_entropy(logits, labels)`, with no factor",
            "loss-function",
        )
    if update_right:
        return (
            f"your update is right (the parameters after two steps match) but the loss you return is not "
            f"({losses[0]:.6g} where {want[0]:.6g} is expected): return `loss.item()` of the loss you "
            "backpropagated",
            "loss-returned",
        )
    return None


def _optimizer_problem(make: Callable[[], tuple], learner: Callable) -> tuple[str, str] | None:
    """The loss is right and the update is not: did the step change the optimizer's settings, or move every
    parameter by the same factor of the reference's move (another learning rate)?"""
    model, optimizer, batches = make()
    inputs, labels = batches[0]
    settings = [{k: v for k, v in group.items() if k != "params"} for group in optimizer.param_groups]
    before = torch.cat([p.detach().flatten().clone() for p in model.parameters()])
    learner(model, optimizer, inputs, labels)
    after = torch.cat([p.detach().flatten() for p in model.parameters()])
    for old, group in zip(settings, optimizer.param_groups):
        for key, value in old.items():
            if group.get(key) != value:
                return (
                    f"your train_step changes the optimizer's `{key}` from {value} to {group.get(key)}: the optimizer "
                    "comes set up (its learning rate too); a training step only calls zero_grad, backward and step",
                    "optimizer-changed",
                )
    ref_model, ref_optimizer, ref_batches = make()
    _reference_train_step(ref_model, ref_optimizer, *ref_batches[0])
    ref_after = torch.cat([p.detach().flatten() for p in ref_model.parameters()])
    mine, theirs = (after - before).double(), (ref_after - before).double()
    big = theirs.abs() > 1e-9
    if big.sum() < 2:
        return None
    ratio = float((mine[big] / theirs[big]).median())
    if abs(ratio - 1) > 1e-3 and torch.allclose(mine, ratio * theirs, rtol=1e-3, atol=1e-9):
        return (
            f"your loss is right, but every parameter moves {ratio:.4g} times as far as in the reference's step: "
            "another learning rate (an optimizer made inside the function, or its lr changed). Use the optimizer "
            "you were given as it is: `optimizer.zero_grad()`, `loss.backward()`, `optimizer.step()`",
            "optimizer-changed",
        )
    return None


def _round(value: float) -> float | None:
    """``value`` when it is a round constant a learner types (0.1, 0.05, 1e-4, 0.25), else None."""
    if not value > 0:
        return None
    for digits in range(1, 3):
        rounded = float(f"{value:.{digits}g}")
        if abs(value - rounded) <= 1e-4 * rounded:
            return rounded
    return None


def _first_loss_problem(model_before, inputs, labels, got: float, want: float) -> tuple[str, str]:
    """The first step's loss is taken before any update, so when it is wrong the loss itself is computed
    differently: say so, and which usual variant it is when one matches."""
    with torch.no_grad():
        logits = model_before(inputs)  # [B, C]
        log_p = F.log_softmax(logits, dim=-1)  # [B, C]
        uniform = -log_p.mean(dim=-1).mean().item()  # the cross-entropy against the uniform distribution
        squares_all = sum((p**2).sum() for p in model_before.parameters()).item()
        squares_weights = sum((p**2).sum() for p in model_before.parameters() if p.dim() > 1).item()
        one_hot = F.one_hot(labels, logits.shape[-1]).to(logits.dtype)  # [B, C]
        variants = {
            "binary cross-entropy on one-hot targets (`F.binary_cross_entropy_with_logits`), a yes/no question per "
            "class": F.binary_cross_entropy_with_logits(logits, one_hot).item(),
            "a squared error between the softmax and one-hot targets": F.mse_loss(logits.softmax(-1), one_hot).item(),
            "a squared error between the logits and one-hot targets": F.mse_loss(logits, one_hot).item(),
        }
    found = ""
    close = lambda a, b: abs(a - b) <= 1e-6 * max(1.0, abs(b))  # noqa: E731
    for what, value in variants.items():
        if close(got, value):
            found = f"it is {what}. The answer is one class of C, a C-way softmax classification: "
    smoothing = _round((got - want) / (uniform - want)) if abs(uniform - want) > 1e-9 else None
    if not found and smoothing is not None and smoothing < 1:
        found = (
            f"it is the cross-entropy with `label_smoothing={smoothing:g}`, a regulariser this step does not ask for: "
        )
    for squares, which in ((squares_all, "parameters"), (squares_weights, "weights")):
        factor = _round((got - want) / squares) if squares > 0 else None
        if not found and factor is not None:
            found = (
                f"it is the cross-entropy plus {factor:g} times the sum of the squared {which} (an L2 penalty, weight "
                "decay written into the loss), which the step does not ask for: "
            )
    return (
        f"the loss of the first step is taken before any update, from the model's logits on this batch, so it "
        f"shows how you compute the loss: yours is {got:.6g}, `F.cross_entropy(logits, labels)` is {want:.6g}. "
        + (found or "another loss function, an option or an extra term? ")
        + "compute exactly `F.cross_entropy(logits, labels)` (no extra terms or options); the update follows from it",
        "loss-function",
    )


def _two_steps(call: Callable, args: tuple, kwargs: dict):
    """Two training steps in a row (a missing zero_grad shows in the second) -> losses, parameters."""
    model, optimizer, batches = args
    losses = [call(model, optimizer, inputs, labels) for inputs, labels in batches]
    parameters = torch.cat([p.detach().flatten() for p in model.parameters()])
    gradients = torch.cat(
        [(p.grad if p.grad is not None else torch.zeros_like(p)).detach().flatten() for p in model.parameters()]
    )
    return losses[0], losses[1], parameters, gradients


def check_train_step(fn: Callable, hidden: bool = False) -> None:
    """Exercise 5.2: ``fn(model, optimizer, inputs, labels) -> loss`` (a float), one Adam step."""
    __tracebackhide__ = True
    sizes = [(5, 2, 6, 3, 111)] if hidden else [(4, 3, 5, 2, 80)]
    cases = []
    for objects, features, batch, slots, seed in sizes:
        task = nth_farthest.NthFarthest(num_objects=objects, num_features=features)

        def make(task=task, batch=batch, slots=slots, seed=seed):
            model = build(
                lambda: classifier.SequenceClassifier(
                    core.RelationalMemory(task.input_size, slots, 3, num_heads=2), task.num_classes, hidden_sizes=(8,)
                ),
                seed,
            )
            optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
            generator = torch.Generator().manual_seed(seed + 1)
            batches = []
            for _ in range(2):
                inputs, labels = task.sample(batch, generator=generator)
                batches.append((inputs.double(), labels))
            return model, optimizer, batches

        cases.append(
            Case(
                f"SequenceClassifier(RelationalMemory) on NthFarthest(num_objects={objects}, "
                f"num_features={features}), Adam(lr=0.01), two steps on batches of "
                f"{batch}, seed {seed}",
                make,
            )
        )
    run_check(
        _EX_5_2,
        fn,
        _reference_train_step,
        cases,
        (
            "loss of the first step",
            "loss of the second step",
            "parameters after two steps",
            "gradients after two steps",
        ),
        bank("5.2"),
        rtol=1e-6,
        atol=1e-7,
        driver=_two_steps,
        probes=_train_probes,
    )
    passed(_EX_5_2, hidden)


def bank(number: str) -> list[Misconception]:
    """The misconceptions of exercise ``number`` ("1.1")."""
    return [entry for entry in MISCONCEPTIONS if entry.exercise == number]


# =============================================================================================
# The misconception bank of exercise 5: each function is a mistake as learners write it.
# A check that finds a wrong result runs these on the same inputs and names the one that
# gives the learner's result (tests/test_misconceptions.py: each fails its check, named).


def ranks_from_nearest(task, inputs):
    vectors, object_ids, m, n = task.decode(inputs)
    batch = torch.arange(inputs.shape[0])
    position_of_m = (object_ids == m[:, None]).long().argmax(dim=1)  # noqa: F841 (the mistake: found, then not used)
    reference = vectors[batch, position_of_m]
    distances = (vectors - reference[:, None, :]).norm(dim=-1)
    ranked_positions = distances.argsort(dim=1, descending=False)
    return object_ids[batch, ranked_positions[batch, n]]


def position_not_id(task, inputs):
    vectors, object_ids, m, n = task.decode(inputs)
    batch = torch.arange(inputs.shape[0])
    position_of_m = (object_ids == m[:, None]).long().argmax(dim=1)  # noqa: F841 (the mistake: found, then not used)
    reference = vectors[batch, position_of_m]
    distances = (vectors - reference[:, None, :]).norm(dim=-1)
    ranked_positions = distances.argsort(dim=1, descending=True)
    return ranked_positions[batch, n]


def m_as_position(task, inputs):
    vectors, object_ids, m, n = task.decode(inputs)
    batch = torch.arange(inputs.shape[0])
    position_of_m = (object_ids == m[:, None]).long().argmax(dim=1)  # noqa: F841 (the mistake: found, then not used)
    reference = vectors[batch, m]
    distances = (vectors - reference[:, None, :]).norm(dim=-1)
    ranked_positions = distances.argsort(dim=1, descending=True)
    return object_ids[batch, ranked_positions[batch, n]]


def no_zero_grad(model, optimizer, inputs, labels):
    loss = F.cross_entropy(model(inputs), labels)
    loss.backward()
    optimizer.step()
    return loss.item()


def zero_grad_after_backward(model, optimizer, inputs, labels):
    loss = F.cross_entropy(model(inputs), labels)
    loss.backward()
    optimizer.zero_grad()
    optimizer.step()
    return loss.item()


def no_optimizer_step(model, optimizer, inputs, labels):
    loss = F.cross_entropy(model(inputs), labels)
    optimizer.zero_grad()
    loss.backward()
    return loss.item()


def softmax_before_cross_entropy(model, optimizer, inputs, labels):
    loss = F.cross_entropy(torch.softmax(model(inputs), dim=-1), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


MISCONCEPTIONS: list[Misconception] = [
    Misconception(
        "ranks-from-nearest",
        "5.1",
        "ranks counted from the nearest",
        "rank k means the (k+1)-th *farthest*: sort the distances in descending order (k = 0 "
        "is the farthest object, the last rank is m itself).",
        ranks_from_nearest,
    ),
    Misconception(
        "position-not-id",
        "5.1",
        "position in the sequence instead of the object id",
        "the label is the answer's object *id* (its one-hot id column), not the time step at which it was shown.",
        position_not_id,
    ),
    Misconception(
        "m-as-position",
        "5.1",
        "reference object taken by position",
        "m is an object *id*: find the time step whose id column says m, and measure "
        "distances from that object's vector.",
        m_as_position,
    ),
    Misconception(
        "no-zero-grad",
        "5.2",
        "gradients never zeroed",
        "call optimizer.zero_grad() before loss.backward(): PyTorch adds new gradients to "
        "the old ones, so without it every step uses the sum of all past gradients.",
        no_zero_grad,
    ),
    Misconception(
        "zero-grad-after-backward",
        "5.2",
        "gradients zeroed after backward",
        "the order is zero_grad(), backward(), step(): zeroing between backward() and step() "
        "throws the new gradients away.",
        zero_grad_after_backward,
    ),
    Misconception(
        "no-optimizer-step",
        "5.2",
        "optimizer step missing",
        "backward() only computes gradients; optimizer.step() changes the parameters.",
        no_optimizer_step,
    ),
    Misconception(
        "softmax-before-cross-entropy",
        "5.2",
        "softmax applied before cross_entropy",
        "F.cross_entropy takes the raw logits and applies log-softmax itself; a softmax "
        "before it squashes the loss and its gradients.",
        softmax_before_cross_entropy,
    ),
]


seal(sys.modules[__name__])  # everything the checks use is imported: snapshot, read-only
