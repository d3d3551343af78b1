"""Exercise 3 (lesson 03): the LSTM-style gates and how they mix the new and the old memory.

The graders' checks of this exercise, with teaching feedback: each ``check_<name>(fn)`` runs the
learner's ``fn`` on small, *distinct* sizes and several seeds, compares it with the ``rmc_ref``
code it mirrors and, on a difference, raises :class:`~rmc_course.guard.CheckFailed` saying what is
wrong, naming the misconception (below) the result matches. ``hidden=True`` uses other sizes and
seeds (the hidden tests). The exercise notebook imports this module as ``checks``.
"""

from __future__ import annotations

import sys
from typing import Any, Callable

import torch

from rmc_course.exercises.harness import Case, Misconception, build, passed, randn, run_check
from rmc_course.guard import CheckFailed, Exercise, seal  # noqa: F401 (CheckFailed: what test cells and tests catch, as checks.CheckFailed)
from rmc_ref import gating

_EX_3_1 = Exercise("3.1", "create_gates", "rmc_ref.gating.Gates.forward")
_EX_3_2 = Exercise("3.2", "apply_gates", "rmc_ref.gating.apply_gates")

_REF_GATES = gating.Gates.forward
_REF_APPLY_GATES = gating.apply_gates


def _logits(gates: Any) -> tuple[torch.Tensor, ...]:
    """The pre-activations of sigmoid gates (their biases included): logit(g)."""
    return tuple(torch.logit(g.detach().double()) for g in gates)


def _gates_probes(make: Callable[[], tuple], got: Any, expected: Any, learner: Callable) -> tuple[str, str] | None:
    """Every right answer's gate pre-activations are affine in x̂ and in tanh(M): z = W_x x̂ + W_m tanh(M) + b."""
    gates, projected, memory = make()  # Gates, [B, F], [B, N, F]
    for value in got:
        if not isinstance(value, torch.Tensor) or not bool(((value > 0) & (value < 1)).all()):
            return None  # no sigmoid: the range probe says so
    small = 0.3

    def z(x: torch.Tensor, m: torch.Tensor) -> tuple[torch.Tensor, ...]:
        return _logits(learner(gates, x, m))

    def affine(a: tuple, b: tuple, ab: tuple, zero: tuple) -> bool:
        return all(torch.allclose(p + q - o, r, rtol=1e-5, atol=1e-6) for p, q, r, o in zip(a, b, ab, zero))

    x1, x2 = small * projected, small * projected.flip(0)  # [B, F] each
    zero_x = torch.zeros_like(projected)
    if not affine(z(x1, memory), z(x2, memory), z(x1 + x2, memory), z(zero_x, memory)):
        return (
            "your gates' pre-activations are not affine in the projected input x̂ (for a right answer, "
            "z(x̂1 + x̂2) = z(x̂1) + z(x̂2) - z(0)): x̂ goes into `gates.input_to_gates` as it is; only the "
            "memory is squashed by tanh",
            "gates-input-not-affine",
        )
    t1, t2 = small * torch.tanh(memory), small * torch.tanh(memory.flip(0))  # [B, N, F], in (-0.3, 0.3)
    m1, m2, m12 = torch.atanh(t1), torch.atanh(t2), torch.atanh(t1 + t2)
    if not affine(z(projected, m1), z(projected, m2), z(projected, m12), z(projected, torch.zeros_like(memory))):
        return (
            "your gates' pre-activations are not affine in tanh(M): the memory is squashed first and then "
            "projected, `gates.memory_to_gates(torch.tanh(memory))`; a tanh after the projection, or none, "
            "breaks this",
            "gates-memory-not-affine",
        )
    return None


def check_create_gates(fn: Callable, hidden: bool = False) -> None:
    """Exercise 3.1: ``fn(gates, x̂ [B, F], memory [B, N, F]) -> (input_gate, forget_gate)``."""
    __tracebackhide__ = True
    # (B, N, F, style, forget_bias, input_bias, seed): both styles, biases that are not 0 and 1
    # apart, so a missing or swapped constant shows.
    sizes = (
        [(3, 2, 4, "memory", 1.0, -0.75, 71), (2, 4, 3, "unit", 2.0, 0.5, 72)]
        if hidden
        else [(2, 3, 5, "unit", 1.0, -0.5, 40), (3, 4, 6, "memory", 1.5, 0.25, 41)]
    )
    cases = []
    for batch, slots, width, style, forget_bias, input_bias, seed in sizes:

        def make(batch=batch, slots=slots, width=width, style=style, fb=forget_bias, ib=input_bias, seed=seed):
            gates = build(lambda: gating.Gates(width, style, forget_bias=fb, input_bias=ib), seed)
            return (gates, randn(batch, width, seed=seed + 600), 2 * randn(batch, slots, width, seed=seed + 700))

        cases.append(
            Case(
                f"Gates(mem_size={width}, gate_style={style!r}, forget_bias={forget_bias}, "
                f"input_bias={input_bias}), x̂ [{batch}, {width}], memory "
                f"[{batch}, {slots}, {width}], seed {seed}",
                make,
            )
        )
    run_check(
        _EX_3_1,
        fn,
        _REF_GATES,
        cases,
        ("input gate", "forget gate"),
        bank("3.1"),
        axes=("B, N, G", "B, N, G"),
        probes=_gates_probes,
    )
    passed(_EX_3_1, hidden)


def check_apply_gates(fn: Callable, hidden: bool = False) -> None:
    """Exercise 3.2: ``fn(M̃, M, input_gate, forget_gate) -> M'`` with gates [B, N, F] or [B, N, 1]."""
    __tracebackhide__ = True
    sizes = [(3, 2, 4, 1, 81), (1, 4, 3, 3, 82)] if hidden else [(2, 3, 5, 5, 50), (3, 4, 6, 1, 51)]
    cases = []
    for batch, slots, width, gate_width, seed in sizes:

        def make(batch=batch, slots=slots, width=width, g=gate_width, seed=seed):
            return (
                2 * randn(batch, slots, width, seed=seed),
                2 * randn(batch, slots, width, seed=seed + 1),
                torch.sigmoid(randn(batch, slots, g, seed=seed + 2)),
                torch.sigmoid(randn(batch, slots, g, seed=seed + 3)),
            )

        cases.append(
            Case(
                f"attended memory and memory [{batch}, {slots}, {width}], gates "
                f"[{batch}, {slots}, {gate_width}], seed {seed}",
                make,
            )
        )
    run_check(_EX_3_2, fn, _REF_APPLY_GATES, cases, ("next memory",), bank("3.2"), axes=("B, N, F",))
    passed(_EX_3_2, hidden)


def bank(number: str) -> list[Misconception]:
    """The misconceptions of exercise ``number`` ("1.1")."""
    return [entry for entry in MISCONCEPTIONS if entry.exercise == number]


# =============================================================================================
# The misconception bank of exercise 3: each function is a mistake as learners write it.
# A check that finds a wrong result runs these on the same inputs and names the one that
# gives the learner's result (tests/test_misconceptions.py: each fails its check, named).


def gates_tanh_missing(gates, projected_input, memory):
    both = gates.memory_to_gates(memory) + gates.input_to_gates(projected_input).unsqueeze(1)
    input_gate, forget_gate = both.split(gates.gate_size, dim=-1)
    return (torch.sigmoid(input_gate + gates.input_bias), torch.sigmoid(forget_gate + gates.forget_bias))


def forget_bias_missing(gates, projected_input, memory):
    both = gates.memory_to_gates(torch.tanh(memory)) + gates.input_to_gates(projected_input).unsqueeze(1)
    input_gate, forget_gate = both.split(gates.gate_size, dim=-1)
    return torch.sigmoid(input_gate + gates.input_bias), torch.sigmoid(forget_gate)


def input_bias_missing(gates, projected_input, memory):
    both = gates.memory_to_gates(torch.tanh(memory)) + gates.input_to_gates(projected_input).unsqueeze(1)
    input_gate, forget_gate = both.split(gates.gate_size, dim=-1)
    return torch.sigmoid(input_gate), torch.sigmoid(forget_gate + gates.forget_bias)


def gate_biases_swapped(gates, projected_input, memory):
    both = gates.memory_to_gates(torch.tanh(memory)) + gates.input_to_gates(projected_input).unsqueeze(1)
    input_gate, forget_gate = both.split(gates.gate_size, dim=-1)
    return (torch.sigmoid(input_gate + gates.forget_bias), torch.sigmoid(forget_gate + gates.input_bias))


def gate_halves_swapped(gates, projected_input, memory):
    both = gates.memory_to_gates(torch.tanh(memory)) + gates.input_to_gates(projected_input).unsqueeze(1)
    forget_gate, input_gate = both.split(gates.gate_size, dim=-1)
    return (torch.sigmoid(input_gate + gates.input_bias), torch.sigmoid(forget_gate + gates.forget_bias))


def gates_ignore_memory(gates, projected_input, memory):
    both = gates.input_to_gates(projected_input).unsqueeze(1).expand(-1, memory.shape[1], -1)
    input_gate, forget_gate = both.split(gates.gate_size, dim=-1)
    return (torch.sigmoid(input_gate + gates.input_bias), torch.sigmoid(forget_gate + gates.forget_bias))


def new_memory_tanh_missing(attended_memory, memory, input_gate, forget_gate):
    return input_gate * attended_memory + forget_gate * memory


def gates_swapped(attended_memory, memory, input_gate, forget_gate):
    return forget_gate * torch.tanh(attended_memory) + input_gate * memory


def tanh_on_old_memory(attended_memory, memory, input_gate, forget_gate):
    return input_gate * torch.tanh(attended_memory) + forget_gate * torch.tanh(memory)


MISCONCEPTIONS: list[Misconception] = [
    Misconception(
        "gates-tanh-missing",
        "3.1",
        "tanh missing on the memory in the gates",
        "the memory enters the gates squashed: gates.memory_to_gates(torch.tanh(memory)).",
        gates_tanh_missing,
    ),
    Misconception(
        "forget-bias-missing",
        "3.1",
        "forget bias missing",
        "add the constant gates.forget_bias inside the forget gate's sigmoid, σ(f + "
        "forget_bias): it makes the memory keep its content early in training.",
        forget_bias_missing,
    ),
    Misconception(
        "input-bias-missing",
        "3.1",
        "input bias missing",
        "add the constant gates.input_bias inside the input gate's sigmoid, σ(i + input_bias).",
        input_bias_missing,
    ),
    Misconception(
        "gate-biases-swapped",
        "3.1",
        "forget and input biases swapped",
        "forget_bias goes with the forget gate and input_bias with the input gate.",
        gate_biases_swapped,
    ),
    Misconception(
        "gate-halves-swapped",
        "3.1",
        "input and forget halves swapped",
        "the first gate_size features are the input gate, the next gate_size the forget gate.",
        gate_halves_swapped,
    ),
    Misconception(
        "gates-ignore-memory",
        "3.1",
        "gates computed from the input only",
        "the gates look at both the input and the memory: add "
        "gates.memory_to_gates(tanh(memory)) to the input's term (broadcast over the N "
        "slots).",
        gates_ignore_memory,
    ),
    Misconception(
        "new-memory-tanh-missing",
        "3.2",
        "tanh missing on the attended memory",
        "M' = i ⊙ tanh(M̃) + f ⊙ M: the new content is squashed by tanh, the old memory is not.",
        new_memory_tanh_missing,
    ),
    Misconception(
        "gates-swapped",
        "3.2",
        "input and forget gates swapped",
        "the input gate scales the new content tanh(M̃), the forget gate the old memory M.",
        gates_swapped,
    ),
    Misconception(
        "tanh-on-old-memory",
        "3.2",
        "tanh on the old memory too",
        "only the new content goes through tanh; the forget gate scales the old memory M as it is.",
        tanh_on_old_memory,
    ),
]


seal(sys.modules[__name__])  # everything the checks use is imported: snapshot, read-only
