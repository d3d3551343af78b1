"""Tests of the N-th Farthest task generator (rmc_ref.tasks.nth_farthest).

The labels are recomputed by brute force from the input columns with plain Python and numpy,
parsed here independently of ``NthFarthest.decode``, so a wrong column order, a wrong sort
direction or a label given as a position instead of an id fails loudly. Then describe, and the
error messages (tests/support/messages.py).
"""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from support.messages import assert_bad_size_named, assert_shape_error

from rmc_ref.tasks import NthFarthest

B = 2  # the batch of the error-message cases


def _seeded(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def _one_hot_index(row) -> int:
    """Index of the single 1 in a list of 0/1 floats; fails unless it is exactly one-hot."""
    assert set(row) <= {0.0, 1.0}, f"not a one-hot row: {row}"
    assert row.count(1.0) == 1, f"not exactly one 1 in {row}"
    return row.index(1.0)


def _parse(inputs: torch.Tensor, num_objects: int, num_features: int):
    """Split inputs into plain Python per-element records, checking the one-hots on the way."""
    T, F = num_objects, num_features
    records = []
    for element in inputs.tolist():  # element: T steps of F + 3T floats
        vectors, ids, ms, ns = [], [], [], []
        for step in element:
            vectors.append(step[:F])
            ids.append(_one_hot_index(step[F : F + T]))
            ms.append(_one_hot_index(step[F + T : F + 2 * T]))
            ns.append(_one_hot_index(step[F + 2 * T :]))
        records.append(dict(vectors=vectors, ids=ids, ms=ms, ns=ns))
    return records


def _brute_force_label(vectors, ids, m: int, n: int) -> int:
    """Sort objects by distance to object m, largest first; return the id at rank index n."""
    reference = np.asarray(vectors[ids.index(m)], dtype=np.float64)
    distance_and_id = []
    for vector, object_id in zip(vectors, ids):
        distance = float(np.sqrt(np.sum((np.asarray(vector, dtype=np.float64) - reference) ** 2)))
        distance_and_id.append((distance, object_id))
    distance_and_id.sort(key=lambda pair: pair[0], reverse=True)
    return distance_and_id[n][1]


def _distance(record, id_a: int, id_b: int) -> float:
    a = np.asarray(record["vectors"][record["ids"].index(id_a)], dtype=np.float64)
    b = np.asarray(record["vectors"][record["ids"].index(id_b)], dtype=np.float64)
    return float(np.linalg.norm(a - b))


# ----------------------------------------------------------------------------- shapes, attributes


def test_default_sizes_match_the_paper():
    task = NthFarthest()
    assert (task.num_objects, task.num_features) == (8, 16)
    assert task.input_size == 16 + 3 * 8 == 40
    assert task.num_classes == 8
    assert task.chance == pytest.approx(0.125)
    inputs, labels = task.sample(4, generator=_seeded(0))
    assert inputs.shape == (4, 8, 40) and inputs.dtype == torch.float32
    assert labels.shape == (4,) and labels.dtype == torch.int64


def test_distinct_small_sizes():
    task = NthFarthest(num_objects=5, num_features=3)
    assert task.input_size == 3 + 15
    assert task.num_classes == 5
    assert task.chance == pytest.approx(0.2)
    inputs, labels = task.sample(2, generator=_seeded(1))
    assert inputs.shape == (2, 5, 18) and inputs.dtype == torch.float32
    assert labels.shape == (2,) and labels.dtype == torch.int64
    assert 0 <= int(labels.min()) and int(labels.max()) < 5


# ----------------------------------------------------------------------------- column layout


def test_column_layout():
    T, F = 5, 3
    task = NthFarthest(num_objects=T, num_features=F)
    inputs, _ = task.sample(64, generator=_seeded(2))
    for record in _parse(inputs, T, F):  # _parse asserts each block is exactly one-hot
        assert sorted(record["ids"]) == list(range(T)), "object ids over the steps: a permutation"
        assert len(set(record["ms"])) == 1, "m must be the same at every step"
        assert len(set(record["ns"])) == 1, "n must be the same at every step"
    vectors = inputs[..., :F]  # [B, T, F]
    assert float(vectors.min()) >= -1.0 and float(vectors.max()) < 1.0


def test_vectors_fill_minus_one_to_one():
    """Uniform in [-1, 1): over many draws the extremes are reached and the mean is near 0."""
    task = NthFarthest(num_objects=5, num_features=3)
    vectors = task.sample(2000, generator=_seeded(3))[0][..., :3]  # [B, T, F]
    assert float(vectors.min()) < -0.99 and float(vectors.max()) > 0.99
    assert abs(float(vectors.mean())) < 0.02


def test_decode_round_trip():
    T, F = 5, 3
    task = NthFarthest(num_objects=T, num_features=F)
    inputs, _ = task.sample(16, generator=_seeded(4))
    decoded = task.decode(inputs)
    assert torch.equal(decoded.vectors, inputs[..., :F])
    for b, record in enumerate(_parse(inputs, T, F)):
        assert decoded.object_ids[b].tolist() == record["ids"]
        assert int(decoded.m[b]) == record["ms"][0]
        assert int(decoded.n[b]) == record["ns"][0]
    assert decoded.object_ids.dtype == decoded.m.dtype == decoded.n.dtype == torch.int64


def test_decode_when_features_outnumber_objects():
    T, Fe = 3, 7
    task = NthFarthest(num_objects=T, num_features=Fe)
    inputs, _ = task.sample(B, generator=torch.Generator().manual_seed(7))
    decoded = task.decode(inputs)
    assert torch.equal(decoded.object_ids, inputs[..., Fe : Fe + T].argmax(dim=-1))
    assert sorted(decoded.object_ids[0].tolist()) == list(range(T))
    assert torch.equal(decoded.m, inputs[:, 0, Fe + T : Fe + 2 * T].argmax(dim=-1))
    assert torch.equal(decoded.n, inputs[:, 0, Fe + 2 * T :].argmax(dim=-1))


# ----------------------------------------------------------------------------- labels


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**31 - 1),
    batch_size=st.integers(1, 24),
    num_objects=st.integers(2, 9),
    num_features=st.integers(1, 6),
)
def test_labels_match_brute_force(seed, batch_size, num_objects, num_features):
    task = NthFarthest(num_objects=num_objects, num_features=num_features)
    inputs, labels = task.sample(batch_size, generator=_seeded(seed))
    for b, record in enumerate(_parse(inputs, num_objects, num_features)):
        expected = _brute_force_label(record["vectors"], record["ids"], record["ms"][0], record["ns"][0])
        assert int(labels[b]) == expected, (
            f"element {b}: label {int(labels[b])}, brute force says {expected} "
            f"(m={record['ms'][0]}, n={record['ns'][0]}, ids={record['ids']})"
        )


# ----------------------------------------------------------------------------- fewer objects shown


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), num_objects=st.integers(3, 7), data=st.data())
def test_fewer_objects_shown_keep_the_layout_and_brute_force_labels(seed, num_objects, data):
    """A curriculum's easier question: k objects (ids 0..k-1) in the layout of num_objects."""
    F, B = 3, 9
    shown = data.draw(st.integers(2, num_objects - 1))
    task = NthFarthest(num_objects=num_objects, num_features=F)
    inputs, labels = task.sample(B, generator=_seeded(seed), num_shown=shown)
    assert inputs.shape == (B, shown, F + 3 * num_objects)  # k steps, one-hots as wide as the task's
    for b, record in enumerate(_parse(inputs, num_objects, F)):
        assert sorted(record["ids"]) == list(range(shown)), "each of the shown ids once"
        m, n = record["ms"][0], record["ns"][0]
        assert m < shown and n < shown and set(record["ms"]) == {m} and set(record["ns"]) == {n}
        assert int(labels[b]) == _brute_force_label(record["vectors"], record["ids"], m, n)


def test_all_objects_shown_is_the_full_task_draw_for_draw():
    task = NthFarthest(num_objects=5, num_features=3)
    full = task.sample(7, generator=_seeded(3))
    shown = task.sample(7, generator=_seeded(3), num_shown=5)
    assert torch.equal(full[0], shown[0]) and torch.equal(full[1], shown[1])


def test_fewer_objects_shown_cover_every_rank_and_reference():
    task = NthFarthest(num_objects=6, num_features=2)
    inputs, labels = task.sample(400, generator=_seeded(4), num_shown=3)
    decoded = [(record["ms"][0], record["ns"][0]) for record in _parse(inputs, 6, 2)]
    assert {m for m, _ in decoded} == {0, 1, 2} and {n for _, n in decoded} == {0, 1, 2}
    assert set(labels.tolist()) == {0, 1, 2}


@pytest.mark.parametrize(
    "num_shown, problem", [(1, ">= 2"), (6, "at most num_objects=5"), (2.5, ">= 2"), (True, ">= 2")]
)
def test_bad_num_shown_names_the_argument(num_shown, problem):
    with pytest.raises(ValueError, match=f"num_shown must be .*{re.escape(problem)}"):
        NthFarthest(num_objects=5, num_features=2).sample(4, num_shown=num_shown)


def test_rank_zero_is_farthest_and_last_rank_is_m_itself():
    T, F = 6, 4
    task = NthFarthest(num_objects=T, num_features=F)
    inputs, labels = task.sample(600, generator=_seeded(5))
    seen_first = seen_last = 0
    for record, label in zip(_parse(inputs, T, F), labels.tolist()):
        m, n = record["ms"][0], record["ns"][0]
        distances = [_distance(record, m, other) for other in range(T)]
        if n == 0:
            seen_first += 1
            assert distances[label] == max(distances) and label != m
        if n == T - 1:
            seen_last += 1
            assert label == m, "the last rank is the reference object (distance 0)"
    assert seen_first > 50 and seen_last > 50  # both cases were really exercised


def test_labels_are_roughly_uniform():
    task = NthFarthest()
    _, labels = task.sample(40_000, generator=_seeded(6))
    counts = torch.bincount(labels, minlength=8)  # [8]
    expected = 40_000 / 8  # 5000 each; one standard deviation is about 66
    assert counts.numel() == 8
    assert ((counts - expected).abs() < 400).all(), f"class counts {counts.tolist()}"


# ----------------------------------------------------------------------------- randomness


def test_same_seed_same_batch_different_seed_different_batch():
    task = NthFarthest(num_objects=5, num_features=3)
    inputs_a, labels_a = task.sample(32, generator=_seeded(7))
    inputs_b, labels_b = task.sample(32, generator=_seeded(7))
    inputs_c, labels_c = task.sample(32, generator=_seeded(8))
    assert torch.equal(inputs_a, inputs_b) and torch.equal(labels_a, labels_b)
    assert not torch.equal(inputs_a, inputs_c)
    assert not torch.equal(labels_a, labels_c)


def test_randomness_comes_only_from_the_generator():
    task = NthFarthest(num_objects=5, num_features=3)
    global_state = torch.get_rng_state()
    task.sample(8, generator=_seeded(9))
    assert torch.equal(torch.get_rng_state(), global_state), "the global generator was used"
    torch.manual_seed(9)
    inputs_a, labels_a = task.sample(8)  # None: torch's global generator
    torch.manual_seed(9)
    inputs_b, labels_b = task.sample(8)
    assert torch.equal(inputs_a, inputs_b) and torch.equal(labels_a, labels_b)


def test_presentation_order_is_shuffled_per_element():
    T = 8
    task = NthFarthest(num_objects=T, num_features=2)
    object_ids = task.decode(task.sample(200, generator=_seeded(10))[0]).object_ids  # [B, T]
    first_ids = object_ids[:, 0]  # [B]
    assert (first_ids != 0).any(), "the object at step 0 is always object 0: no shuffle"
    assert len(set(first_ids.tolist())) == T, "every object should sometimes come first"
    permutations = {tuple(row) for row in object_ids.tolist()}
    assert len(permutations) > 150, "batch elements should get their own random order"


def test_m_and_n_cover_all_values():
    task = NthFarthest(num_objects=5, num_features=3)
    decoded = task.decode(task.sample(500, generator=_seeded(11))[0])
    assert sorted(set(decoded.m.tolist())) == list(range(5))
    assert sorted(set(decoded.n.tolist())) == list(range(5))


# ----------------------------------------------------------------------------- describe


def test_describe_states_question_and_answer():
    task = NthFarthest(num_objects=5, num_features=3)
    inputs, labels = task.sample(10, generator=_seeded(12))
    decoded = task.decode(inputs)
    for i in range(10):
        text = task.describe(inputs, labels, i=i)
        match = re.fullmatch(
            r"Which object is the (\d+)\w\w farthest from object (\d+)\? "
            r"Answer: object (\d+)",
            text,
        )
        assert match, text
        assert int(match.group(1)) == int(decoded.n[i]) + 1
        assert int(match.group(2)) == int(decoded.m[i])
        assert int(match.group(3)) == int(labels[i])
    assert "Answer" not in task.describe(inputs)


def test_describe_ordinals():
    T, F = 13, 1
    task = NthFarthest(num_objects=T, num_features=F)
    inputs, _ = task.sample(1, generator=_seeded(13))
    words = {}
    for n in range(T):
        edited = inputs.clone()  # [1, T, F + 3T]
        edited[..., F + 2 * T :] = 0
        edited[..., F + 2 * T + n] = 1
        words[n + 1] = task.describe(edited).split()[4]
    assert [words[k] for k in (1, 2, 3, 4, 11, 12, 13)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
    ]


def test_ordinals_past_twenty():
    """The suffix rule past the teens: 21st but 111th, 122nd; read from describe's question."""
    numbers = [1, 2, 3, 4, 10, 11, 12, 13, 20, 21, 22, 23, 24, 101, 111, 112, 113, 121, 122]
    T, F = max(numbers), 1
    task = NthFarthest(num_objects=T, num_features=F)
    inputs, _ = task.sample(1, generator=_seeded(14))
    words = []
    for k in numbers:
        edited = inputs.clone()  # [1, T, F + 3T]
        edited[..., F + 2 * T :] = 0
        edited[..., F + 2 * T + k - 1] = 1  # n = k - 1: "the k-th farthest"
        words.append(task.describe(edited).split()[4])
    assert words == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "10th",
        "11th",
        "12th",
        "13th",
        "20th",
        "21st",
        "22nd",
        "23rd",
        "24th",
        "101st",
        "111th",
        "112th",
        "113th",
        "121st",
        "122nd",
    ]


def test_describe_index_is_a_python_int_in_range():
    task = NthFarthest(num_objects=5, num_features=3)
    inputs, labels = task.sample(B, generator=torch.Generator().manual_seed(8))
    assert task.describe(inputs, labels, i=-B) == task.describe(inputs, labels, i=0)
    assert task.describe(inputs, labels, i=B - 1) == task.describe(inputs, labels, i=-1)
    for bad in (B, -B - 1, True, 1.0):
        with pytest.raises(ValueError) as info:
            task.describe(inputs, labels, i=bad)
        assert f"batch of {B}" in str(info.value) and repr(bad) in str(info.value)


# ----------------------------------------------------------------------------- bad arguments


@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(num_objects=1), "num_objects"),
        (dict(num_objects=0), "num_objects"),
        (dict(num_objects=2.5), "num_objects"),
        (dict(num_objects=True), "num_objects"),
        (dict(num_objects="8"), "num_objects"),
        (dict(num_features=0), "num_features"),
        (dict(num_features=-3), "num_features"),
        (dict(num_features=1.0), "num_features"),
    ],
)
def test_bad_sizes_raise_value_error(kwargs, name):
    bad = next(iter(kwargs.values()))
    with pytest.raises(ValueError) as error:
        NthFarthest(**kwargs)
    message = str(error.value)
    assert name in message and repr(bad) in message and ">=" in message


@pytest.mark.parametrize("batch_size", [0, -1, 2.0, True, None])
def test_bad_batch_size_raises_value_error(batch_size):
    expected = re.escape(f"batch_size must be an integer >= 1, got {batch_size!r}")
    with pytest.raises(ValueError, match=expected):
        NthFarthest().sample(batch_size, generator=_seeded(0))


@pytest.mark.parametrize("generator", [0, "seed", np.random.default_rng(0)])
def test_bad_generator_raises_type_error(generator):
    with pytest.raises(TypeError, match="generator must be a torch.Generator or None"):
        NthFarthest().sample(4, generator=generator)


def test_decode_rejects_wrong_shape_naming_both_shapes():
    task = NthFarthest(num_objects=5, num_features=3)
    with pytest.raises(ValueError) as error:
        task.decode(torch.zeros(2, 5, 17))
    assert "[B, 5, 18]" in str(error.value) and "[2, 5, 17]" in str(error.value)


def test_bad_generator_message_names_its_type():
    with pytest.raises(TypeError, match="got int;"):
        NthFarthest().sample(2, generator=0)


def _shape_cases() -> dict:
    """id -> (call, name, expected, actual, a word of the hint) (tests/support/messages.py)"""
    task = NthFarthest(num_objects=5, num_features=3)
    inputs, _ = task.sample(B, generator=torch.Generator().manual_seed(9))
    return {
        "decode": (lambda: task.decode(inputs[..., :-1]), "inputs", "[B, 5, 18]", f"[{B}, 5, 17]", "NthFarthest("),
        "describe-labels": (
            lambda: task.describe(inputs, torch.zeros(B + 1, dtype=torch.long)),
            "labels",
            f"[{B}]",
            f"[{B + 1}]",
            "one answer per batch element",
        ),
    }


@pytest.mark.parametrize("case", ["decode", "describe-labels"])
def test_shape_errors_name_the_tensor_expected_and_actual_shapes(case):
    assert_shape_error(*_shape_cases()[case])


@pytest.mark.parametrize(
    "call,name",
    [
        (lambda: NthFarthest(num_objects=0), "num_objects"),
        (lambda: NthFarthest(num_features=0), "num_features"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_bad_sizes_name_the_argument(call, name):
    assert_bad_size_named(call, name)
