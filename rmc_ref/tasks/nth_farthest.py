"""The N-th Farthest task of Santoro et al. (2018), section 4.1: a relational reasoning probe.

A sequence of ``num_objects`` random vectors (uniform in [-1, 1), ``num_features`` each) is shown
one object per time step, in a random order. Every step also carries the question "which object
is the (k+1)-th farthest from object m?". After the last step the model names the object: a
``num_objects``-way classification (chance ``1 / num_objects``, 12.5% with the paper's 8).

Column layout of one time step (``T = num_objects`` steps, ``F = num_features``)::

    [ vector (F) | object id one-hot (T) | m one-hot (T) | n one-hot (T) ]

- ``vector``: the object's features, uniform in [-1, 1).
- ``object id``: which object this step shows; over the T steps the ids are a random permutation,
  so the position in the sequence says nothing about the id.
- ``m``: the reference object's id, the same at every step.
- ``n``: the rank index k, the same at every step. Rank k means "the (k+1)-th farthest from
  object m" by *descending* Euclidean distance: k = 0 is the farthest object, k = T - 1 is
  object m itself (distance 0).

The label is the id of the answer object, never its position in the shuffled sequence.

How this differs from the two versions a learner may meet elsewhere:

- Sonnet's generator (DeepMind's reference code) sorts distances in *ascending* order, so its
  "n-th farthest" is really the n-th *nearest*, with n = 0 the object itself. We rank by
  descending distance so the name means what it says; the task is equally hard either way.
- The course seed's cheat sheet regresses a vector with a mean-squared-error loss. The paper
  (and this module) asks for the object id: an 8-way classification trained with cross-entropy.

All randomness comes from the ``torch.Generator`` passed to :meth:`NthFarthest.sample`, so one
seed gives the same batch on every machine and every run.
"""

from __future__ import annotations

from typing import NamedTuple, Optional

import torch

from ..shapes import check_positive_int, check_shape


class Decoded(NamedTuple):
    """The columns of a batch of inputs parsed back into named tensors (see :meth:`decode`)."""

    vectors: torch.Tensor  # [B, T, F] features in presentation order
    object_ids: torch.Tensor  # [B, T] int64, id of the object shown at each step
    m: torch.Tensor  # [B] int64, reference object id
    n: torch.Tensor  # [B] int64, rank index (0 = farthest)


def _ordinal(number: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd'."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


class NthFarthest:
    """Generator of N-th Farthest batches.

    >>> task = NthFarthest(num_objects=8, num_features=16)
    >>> inputs, labels = task.sample(4, generator=torch.Generator().manual_seed(0))
    >>> inputs.shape, labels.shape
    (torch.Size([4, 8, 40]), torch.Size([4]))
    """

    def __init__(self, num_objects: int = 8, num_features: int = 16):
        self.num_objects = check_positive_int("num_objects", num_objects, minimum=2)
        self.num_features = check_positive_int("num_features", num_features, minimum=1)

    @property
    def input_size(self) -> int:
        """Columns per time step: the vector plus three one-hots of width num_objects."""
        return self.num_features + 3 * self.num_objects

    @property
    def num_classes(self) -> int:
        """The answer is an object id, so there are as many classes as objects."""
        return self.num_objects

    @property
    def chance(self) -> float:
        """Accuracy of guessing: labels are uniform over the object ids."""
        return 1.0 / self.num_objects

    @property
    def shortcut_accuracy(self) -> float:
        """Accuracy reachable with no relational reasoning: 2 / num_objects (25% for 8 objects).

        The last rank (k = num_objects - 1) asks for the object nearest to m, which is m itself: a
        model that answers m then, and guesses uniformly among the other objects otherwise, scores
        1/T + (T-1)/T * 1/(T-1) = 2/T. A plateau at this level means the model found the
        shortcut, not the relation.
        """
        return 2.0 / self.num_objects

    @property
    def plateau_relational_accuracy(self) -> float:
        """Relational accuracy of the shortcut: guessing among the num_objects - 1 objects other than m.

        A *relational* question is one whose answer is not object m itself (every rank but the
        last). A model on the shortcut plateau knows the answer is not m and guesses the rest:
        1 / (num_objects - 1), 50% for 3 objects.
        """
        return 1.0 / (self.num_objects - 1)

    def __repr__(self) -> str:
        return f"NthFarthest(num_objects={self.num_objects}, num_features={self.num_features})"

    def sample(
        self, batch_size: int, generator: Optional[torch.Generator] = None, num_shown: Optional[int] = None
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Draw a batch: ``inputs [B, T, F + 3T]`` float32 and ``labels [B]`` int64.

        Random draws, in this order: vectors, presentation order, m, n. ``generator=None`` uses
        torch's global generator (seeded by ``torch.manual_seed``).

        ``num_shown=k`` (2 <= k <= num_objects) asks an easier question in the same layout, for a
        curriculum over the number of objects: ``k`` objects (ids 0..k-1, so ``k`` time steps),
        m and n among them, and one-hot columns still ``num_objects`` wide, so a model built for
        this task takes it: ``inputs [B, k, F + 3T]``, labels in 0..k-1. ``None`` (or
        ``num_objects``) is the full task, with the same draws as before.
        """
        batch_size = check_positive_int("batch_size", batch_size)
        width = self.num_objects  # T: the one-hot width, whatever number of objects is shown
        shown = width if num_shown is None else check_positive_int("num_shown", num_shown, minimum=2)
        if shown > width:
            raise ValueError(f"num_shown must be at most num_objects={width}, got {shown}")
        if generator is not None and not isinstance(generator, torch.Generator):
            raise TypeError(
                f"generator must be a torch.Generator or None, got {type(generator).__name__}; "
                "try generator=torch.Generator().manual_seed(0)"
            )
        if generator is not None and generator.device.type != "cpu":
            raise ValueError(
                f"generator must live on the CPU, got one on {generator.device}; "
                "sample on the CPU and move the batch with .to(device)"
            )
        B, T, F = batch_size, shown, self.num_features  # T objects shown (num_objects unless num_shown)
        batch = torch.arange(B)  # [B]

        # Row j of vectors_by_id is object j; the label is computed in this id order.
        vectors_by_id = torch.rand(B, T, F, generator=generator) * 2 - 1  # [B, T, F]
        # Sorting uniform noise gives an independent random permutation per batch element.
        order = torch.rand(B, T, generator=generator).argsort(dim=1)  # [B, T] id shown at step t
        m = torch.randint(T, (B,), generator=generator)  # [B] reference object id
        n = torch.randint(T, (B,), generator=generator)  # [B] rank index, 0 = farthest

        # float64 so the ranking is that of the exact float32 vectors the model sees.
        exact = vectors_by_id.double()  # [B, T, F]
        reference = exact[batch, m]  # [B, F]
        distances = (exact - reference[:, None, :]).norm(dim=-1)  # [B, T]
        ranked_ids = distances.argsort(dim=1, descending=True, stable=True)  # [B, T]
        labels = ranked_ids[batch, n]  # [B] int64

        vectors = vectors_by_id[batch[:, None], order]  # [B, T, F] in presentation order
        one_hot = torch.eye(width)  # [W, W], W = num_objects (= T for the full task)
        id_columns = one_hot[order]  # [B, T, W]
        m_columns = one_hot[m][:, None, :].expand(B, T, width)  # [B, T, W]
        n_columns = one_hot[n][:, None, :].expand(B, T, width)  # [B, T, W]
        inputs = torch.cat([vectors, id_columns, m_columns, n_columns], dim=-1)  # [B, T, F+3W]
        return inputs, labels

    def decode(self, inputs: torch.Tensor) -> Decoded:
        """Parse ``inputs [B, T, F + 3T]`` back into vectors, object ids, m and n."""
        T, F = self.num_objects, self.num_features
        check_shape(
            "inputs",
            inputs,
            ("B", T, self.input_size),
            hint=f"expected [batch, num_objects, num_features + 3*num_objects] for {self!r}",
        )
        vectors = inputs[..., :F]  # [B, T, F]
        object_ids = inputs[..., F : F + T].argmax(dim=-1)  # [B, T]
        m = inputs[:, 0, F + T : F + 2 * T].argmax(dim=-1)  # [B]
        n = inputs[:, 0, F + 2 * T :].argmax(dim=-1)  # [B]
        return Decoded(vectors, object_ids, m, n)

    def describe(self, inputs: torch.Tensor, labels: Optional[torch.Tensor] = None, i: int = 0) -> str:
        """The question of batch element ``i`` in words, with its answer if ``labels`` is given.

        ``"Which object is the 3rd farthest from object 5? Answer: object 2"``
        """
        decoded = self.decode(inputs)
        batch_size = inputs.shape[0]
        if isinstance(i, bool) or not isinstance(i, int) or not -batch_size <= i < batch_size:
            raise ValueError(f"i must be an integer index into a batch of {batch_size}, got {i!r}")
        m, n = int(decoded.m[i]), int(decoded.n[i])
        text = f"Which object is the {_ordinal(n + 1)} farthest from object {m}?"
        if labels is not None:
            check_shape("labels", labels, (batch_size,), hint="one answer per batch element")
            text += f" Answer: object {int(labels[i])}"
        return text


class AnswerBreakdown(NamedTuple):
    """Accuracy split by question kind (see :func:`answer_breakdown`)."""

    accuracy: float  # all questions
    relational_accuracy: float  # questions whose answer is not object m (nan if there are none)
    rank_accuracy: list[float]  # [T] accuracy per rank index n (nan for a rank never asked)
    relational_count: int  # how many questions were relational
    rank_count: list[int]  # [T] how many questions asked each rank


def answer_breakdown(
    task: NthFarthest, inputs: torch.Tensor, labels: torch.Tensor, predictions: torch.Tensor
) -> AnswerBreakdown:
    """Overall, *relational* and per-rank accuracy of ``predictions [B]`` on a batch.

    Relational questions are those whose answer is not object m itself: only they need a
    comparison of distances. The last rank (answer m, distance 0) can be answered by copying m,
    so overall accuracy alone hides whether a model reasons (see ``shortcut_accuracy``).
    """
    decoded = task.decode(inputs)  # m [B], n [B]
    batch_size = inputs.shape[0]
    check_shape("labels", labels, (batch_size,), hint="one answer per batch element")
    check_shape("predictions", predictions, (batch_size,), hint="one predicted object id per batch element")
    correct = predictions.long() == labels  # [B] bool
    relational = labels != decoded.m  # [B] bool: the answer is not m itself
    relational_count = int(relational.sum())
    relational_accuracy = float(correct[relational].float().mean()) if relational_count else float("nan")
    rank_accuracy, rank_count = [], []
    for rank in range(task.num_objects):
        asked = decoded.n == rank  # [B] bool
        count = int(asked.sum())
        rank_count.append(count)
        rank_accuracy.append(float(correct[asked].float().mean()) if count else float("nan"))
    return AnswerBreakdown(
        float(correct.float().mean()), relational_accuracy, rank_accuracy, relational_count, rank_count
    )
