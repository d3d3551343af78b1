"""Exercise 4 (lesson 04): attending over memory, one RMC step, unrolling over a sequence.

The graders' checks of this exercise, with teaching feedback: each ``check_<name>(fn)`` runs the
learner's ``fn`` on small, *distinct* sizes and several seeds, compares it with the ``rmc_ref``
code it mirrors and, on a difference, raises :class:`~rmc_course.guard.CheckFailed` saying what is
wrong, naming the misconception (below) the result matches. ``hidden=True`` uses other sizes and
seeds (the hidden tests). The exercise notebook imports this module as ``checks``.
"""

from __future__ import annotations

import copy
import sys
from typing import Any, Callable

import torch

from rmc_course.exercises.harness import Case, Misconception, build, passed, randn, run_check
from rmc_course.guard import CheckFailed, Exercise, class_codes, code_objects, seal  # noqa: F401 (CheckFailed: what test cells and tests catch, as checks.CheckFailed)
from rmc_ref import attention, core, fast, gating, memory

_ATTENTION_CODES = class_codes(attention.MultiHeadAttention) | code_objects(attention.scaled_dot_product_attention)
_PIECES = (
    _ATTENTION_CODES | class_codes(memory.InputProjection) | class_codes(gating.Gates) | code_objects(gating.gate_size)
)
_EX_4_1 = Exercise(
    "4.1", "attend_over_memory", "rmc_ref.core.RelationalMemory.attend_over_memory", allowed=_ATTENTION_CODES
)
_EX_4_2 = Exercise(
    "4.2",
    "rmc_step",
    "rmc_ref.core.RelationalMemory.forward",
    allowed=_PIECES
    | code_objects(core.RelationalMemory.attend_over_memory, core.AttentionBlock.forward, memory.append_input_row),
)
_EX_4_3 = Exercise(
    "4.3",
    "unroll",
    "rmc_ref.core.RelationalMemory.unroll",
    allow_all=True,
    # the readable unroll and the fast path it hands its work to (the same whole computation)
    denied=code_objects(core.RelationalMemory.unroll, fast.unroll),
)

_REF_ATTEND = core.RelationalMemory.attend_over_memory
_REF_STEP = core.RelationalMemory.forward
_REF_UNROLL = core.RelationalMemory.unroll


def _core_cases(hidden: bool, kind: str) -> list[Case]:
    # (B, input, N, d_v, H, d_k, blocks, gate_style, forget_bias, input_bias, T, seed)
    sizes = (
        [(3, 5, 4, 3, 3, 2, 3, "memory", 2.0, 0.5, 3, 91), (1, 6, 2, 4, 2, 3, 2, "unit", 1.0, -0.5, 2, 92)]
        if hidden
        else [(2, 7, 3, 5, 2, 4, 2, "unit", 1.0, -0.5, 3, 60), (3, 4, 4, 3, 2, 2, 1, "memory", 1.5, 0.25, 2, 61)]
    )
    cases = []
    for batch, inp, slots, dv, heads, dk, blocks, style, fb, ib, steps, seed in sizes:

        def make_core(
            inp=inp, slots=slots, dv=dv, heads=heads, dk=dk, blocks=blocks, style=style, fb=fb, ib=ib, seed=seed
        ):
            return build(
                lambda: core.RelationalMemory(
                    inp,
                    slots,
                    dv,
                    num_heads=heads,
                    num_blocks=blocks,
                    forget_bias=fb,
                    input_bias=ib,
                    gate_style=style,
                    key_size=dk,
                ),
                seed,
            )

        width = heads * dv
        label = (
            f"RelationalMemory(input_size={inp}, mem_slots={slots}, head_size={dv}, "
            f"num_heads={heads}, num_blocks={blocks}, key_size={dk}, gate_style={style!r}, "
            f"forget_bias={fb}, input_bias={ib}), "
        )
        if kind == "attend":

            def make(make_core=make_core, batch=batch, slots=slots, width=width, seed=seed):
                return (make_core(), randn(batch, slots, width, seed=seed + 800), randn(batch, width, seed=seed + 900))

            cases.append(
                Case(
                    label + f"memory [{batch}, {slots}, {width}], projected input [{batch}, {width}], seed {seed}", make
                )
            )
        elif kind == "step":

            def make(make_core=make_core, batch=batch, slots=slots, width=width, inp=inp, seed=seed):
                return (make_core(), randn(batch, inp, seed=seed + 800), randn(batch, slots, width, seed=seed + 900))

            cases.append(Case(label + f"x_t [{batch}, {inp}], state [{batch}, {slots}, {width}], seed {seed}", make))
        else:

            def make(make_core=make_core, batch=batch, inp=inp, steps=steps, seed=seed):
                return make_core(), randn(batch, steps, inp, seed=seed + 800)

            cases.append(Case(label + f"x [{batch}, {steps}, {inp}], state None, seed {seed}", make))

            def make_with_state(
                make_core=make_core, batch=batch, inp=inp, steps=steps, slots=slots, width=width, seed=seed
            ):
                return (
                    make_core(),
                    randn(batch, steps, inp, seed=seed + 800),
                    randn(batch, slots, width, seed=seed + 900),
                )

            cases.append(Case(label + f"x [{batch}, {steps}, {inp}], a given state, seed {seed}", make_with_state))
    return cases


def _close(a: Any, b: torch.Tensor) -> bool:
    return isinstance(a, torch.Tensor) and a.shape == b.shape and torch.allclose(a.double(), b.double(), 1e-5, 1e-6)


def _attend_probes(make: Callable[[], tuple], got: Any, expected: Any, learner: Callable) -> tuple[str, str] | None:
    """Where the input row went: the rows of M̃ against the blocks' output on [M; x̂] and on [x̂; M]."""
    core_, memory, projected = make()  # RelationalMemory, [B, N, F], [B, F]
    if core_.input_mode != "row":
        return None
    have = got[0] if isinstance(got, (tuple, list)) else got  # [B, N, F]
    slots = memory.shape[1]

    def blocks(stream: torch.Tensor) -> torch.Tensor:  # [B, N+1, F] -> [B, N+1, F]
        for block in core_.blocks:
            stream, _ = block(stream, stream, core_.mlp)
        return stream

    want = expected[0] if isinstance(expected, (tuple, list)) else expected  # [B, N, F]
    if _close(have, want):
        return None  # M̃ is right: nothing to say about where the input row went

    def unchained(stream: torch.Tensor) -> torch.Tensor:  # every block reads the same input stream
        out = stream
        for block in core_.blocks:
            out, _ = block(stream, stream, core_.mlp)
        return out

    with torch.no_grad():
        stream = torch.cat([memory, projected[:, None]], dim=1)  # [B, N+1, F]
        input_last = blocks(stream)  # [B, N+1, F]
        input_first = blocks(torch.cat([projected[:, None], memory], dim=1))  # [B, N+1, F]
        each_on_input = unchained(stream)  # [B, N+1, F]
    if _close(have, input_last[:, 1:]):
        return (
            "attended memory is rows 1 to N of the blocks' output: it drops memory slot 0 and keeps the input "
            "row. The input row is appended last ([M; x̂]), so M̃ is the first N rows, `stream[:, :N]`",
            "rows-drop-first",
        )
    if len(core_.blocks) > 1 and _close(have, each_on_input[:, :slots]):
        return (
            "every block reads the same [M; x̂]: each block must read the previous block's output "
            "(`stream = ...` updated inside the loop over `core.blocks`)",
            "blocks-not-chained",
        )
    # attention has no notion of position, so [x̂; M] then rows 1..N would be right: only [:, :N] is wrong
    if _close(have, input_first[:, :slots]):
        return (
            "your blocks read the input row first ([x̂; M]): the input row is appended as the last row, "
            "[M; x̂] (`torch.cat([memory, x̂[:, None]], dim=1)`), and M̃ is the first N rows of the result",
            "input-row-first",
        )
    return None


def check_attend_over_memory(fn: Callable, hidden: bool = False) -> None:
    """Exercise 4.1: ``fn(core, memory, x̂) -> (M̃ [B, N, F], weights [B, blocks, H, N+1, N+1])``."""
    __tracebackhide__ = True
    run_check(
        _EX_4_1,
        fn,
        _REF_ATTEND,
        _core_cases(hidden, "attend"),
        ("attended memory", "weights"),
        bank("4.1"),
        axes=("B, N, F", "B, blocks, H, N+1, N+1"),
        probes=_attend_probes,
    )
    passed(_EX_4_1, hidden)


def check_rmc_step(fn: Callable, hidden: bool = False) -> None:
    """Exercise 4.2: ``fn(core, x_t, state) -> (output [B, N*F], next state [B, N, F])``."""
    __tracebackhide__ = True
    run_check(
        _EX_4_2,
        fn,
        _REF_STEP,
        _core_cases(hidden, "step"),
        ("output", "next state"),
        bank("4.2"),
        upstream={"attend_over_memory": ("4.1", check_attend_over_memory)},
        callee_outputs={"attend_over_memory": ("attended memory", None)},
        axes=("B, N*F", "B, N, F"),
    )
    passed(_EX_4_2, hidden)


def _unroll_probes(make: Callable[[], tuple], got: Any, expected: Any, learner: Callable) -> tuple[str, str] | None:
    """Without a state, unroll starts from core.initial_state: when the learner's unroll is right given that
    state and wrong without one, its start is what differs."""
    args = make()
    if len(args) != 2:
        return None
    model, inputs = args  # RelationalMemory, [B, T, input]
    start = model.initial_state(inputs.shape[0])  # [B, N, F]
    mine = learner(model, inputs, start)
    want = _REF_UNROLL(*make())
    if not all(_close(a, b) for a, b in zip(mine, want)):
        return None
    try:
        without = learner(*make())
        right_without = all(_close(a, b) for a, b in zip(without, want))
    except Exception:  # noqa: BLE001 - an error: is the start right in float32, only its dtype wrong?
        model32, inputs32 = copy.deepcopy(model).float(), inputs.float()
        try:
            without = learner(model32, inputs32)
            want32 = _REF_UNROLL(model32, inputs32)
            right_without = all(
                isinstance(a, torch.Tensor) and a.shape == b.shape and torch.allclose(a, b, 1e-4, 1e-5)
                for a, b in zip(without, want32)
            )
        except Exception:  # noqa: BLE001
            right_without = False
    if right_without:
        return None
    return (
        "your unroll is right when it is given `core.initial_state(batch)` as the state, and wrong when state is "
        "None: with no state, start from `core.initial_state(inputs.shape[0])` (the identity-padded memory, in "
        "the core's dtype and device), not from zeros or another tensor you make",
        "unroll-start",
    )


def check_unroll(fn: Callable, hidden: bool = False) -> None:
    """Exercise 4.3: ``fn(core, x [B, T, input], state=None) -> (outputs [B, T, N*F], state)``."""
    __tracebackhide__ = True
    run_check(
        _EX_4_3,
        fn,
        _REF_UNROLL,
        _core_cases(hidden, "unroll"),
        ("outputs", "final state"),
        bank("4.3"),
        upstream={"rmc_step": ("4.2", check_rmc_step), "attend_over_memory": ("4.1", check_attend_over_memory)},
        callee_outputs={"rmc_step": ("output", "next state")},
        axes=("B, T, N*F", "B, N, F"),
        probes=_unroll_probes,
    )
    passed(_EX_4_3, hidden)


def bank(number: str) -> list[Misconception]:
    """The misconceptions of exercise ``number`` ("1.1")."""
    return [entry for entry in MISCONCEPTIONS if entry.exercise == number]


# =============================================================================================
# The misconception bank of exercise 4: each function is a mistake as learners write it.
# A check that finds a wrong result runs these on the same inputs and names the one that
# gives the learner's result (tests/test_misconceptions.py: each fails its check, named).


def layernorm_before_residual(core, memory, projected_input):
    stream = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(block.attention_norm(stream))
        stream = stream + attended
        stream = stream + core.mlp(block.mlp_norm(stream))
        all_weights.append(weights)
    return stream[:, : memory.shape[1]], torch.stack(all_weights, dim=1)


def layernorm_on_branch(core, memory, projected_input):
    stream = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        stream = stream + block.attention_norm(attended)
        stream = stream + block.mlp_norm(core.mlp(stream))
        all_weights.append(weights)
    return stream[:, : memory.shape[1]], torch.stack(all_weights, dim=1)


def attention_discarded(core, memory, projected_input):
    stream = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        attended_stream = block.attention_norm(stream + attended)  # noqa: F841 (the mistake: computed, then unused)
        stream = block.mlp_norm(stream + core.mlp(stream))
        all_weights.append(weights)
    return stream[:, : memory.shape[1]], torch.stack(all_weights, dim=1)


def input_row_not_dropped(core, memory, projected_input):
    stream = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        stream = block.attention_norm(stream + attended)
        stream = block.mlp_norm(stream + core.mlp(stream))
        all_weights.append(weights)
    return stream, torch.stack(all_weights, dim=1)


def input_never_attended(core, memory, projected_input):
    stream = memory
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        stream = block.attention_norm(stream + attended)
        stream = block.mlp_norm(stream + core.mlp(stream))
        all_weights.append(weights)
    return stream[:, : memory.shape[1]], torch.stack(all_weights, dim=1)


def one_block_only(core, memory, projected_input):
    stream = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks[:1]:
        attended, weights = block.attention(stream)
        stream = block.attention_norm(stream + attended)
        stream = block.mlp_norm(stream + core.mlp(stream))
        all_weights.append(weights)
    return stream[:, : memory.shape[1]], torch.stack(all_weights, dim=1)


def no_mlp(core, memory, projected_input):
    stream = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        stream = block.attention_norm(stream + attended)
        stream = block.mlp_norm(stream)
        all_weights.append(weights)
    return stream[:, : memory.shape[1]], torch.stack(all_weights, dim=1)


def mlp_without_residual(core, memory, projected_input):
    stream = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        stream = block.attention_norm(stream + attended)
        stream = block.mlp_norm(core.mlp(stream))
        all_weights.append(weights)
    return stream[:, : memory.shape[1]], torch.stack(all_weights, dim=1)


def gates_from_new_memory(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = core.attend_over_memory(state, projected)
    input_gate, forget_gate = core.gates(projected, attended)
    next_memory = input_gate * torch.tanh(attended) + forget_gate * state
    return next_memory.reshape(state.shape[0], -1), next_memory


def step_attention_discarded(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = core.attend_over_memory(state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_memory = input_gate * torch.tanh(state) + forget_gate * state
    return next_memory.reshape(state.shape[0], -1), next_memory


def no_gating(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = core.attend_over_memory(state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_memory = attended
    return next_memory.reshape(state.shape[0], -1), next_memory


def output_before_gating(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = core.attend_over_memory(state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_memory = input_gate * torch.tanh(attended) + forget_gate * state
    return attended.reshape(state.shape[0], -1), next_memory


def state_not_carried(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, new_state = core(inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), new_state


def zeros_initial_state(core, inputs, state=None):
    if state is None:
        state = torch.zeros(inputs.shape[0], core.mem_slots, core.mem_size, dtype=inputs.dtype)
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = core(inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state


def time_axis_first(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = core(inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=0), state


def last_output_only(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = core(inputs[:, t], state)
        outputs.append(output)
    return output, state


MISCONCEPTIONS: list[Misconception] = [
    Misconception(
        "layernorm-before-residual",
        "4.1",
        "LayerNorm before the residual",
        "the RMC normalises *after* adding: M̂ = LayerNorm(M̂ + attention(M̂)), then M̂ = "
        "LayerNorm(M̂ + MLP(M̂)) (post-norm, as in the paper and Sonnet), not M̂ + "
        "attention(LayerNorm(M̂)).",
        layernorm_before_residual,
    ),
    Misconception(
        "layernorm-on-branch",
        "4.1",
        "LayerNorm on the attention output before the residual",
        "add first, then normalise: LayerNorm(M̂ + A), not M̂ + LayerNorm(A).",
        layernorm_on_branch,
    ),
    Misconception(
        "attention-discarded",
        "4.1",
        "attention result computed and then discarded",
        "the block's MLP must work on the memory *after* attention: keep stream = "
        "LayerNorm(stream + attended) and feed that to the MLP (the course seed computed it "
        "and carried on with the old memory).",
        attention_discarded,
    ),
    Misconception(
        "input-row-not-dropped",
        "4.1",
        "input row not dropped",
        "after the blocks, keep only the first N rows, stream[:, :N]: the input row was "
        "there to be read, it is not a memory slot.",
        input_row_not_dropped,
    ),
    Misconception(
        "input-never-attended",
        "4.1",
        "input never attended",
        "append the projected input as an extra row before the blocks, so the slots can "
        "attend to it (the seed's memory attended only to itself).",
        input_never_attended,
    ),
    Misconception(
        "one-block-only",
        "4.1",
        "num_blocks ignored",
        "run every block of core.blocks in turn, not just the first.",
        one_block_only,
    ),
    Misconception(
        "no-mlp",
        "4.1",
        "MLP missing",
        "each block is attention + residual + LayerNorm, then core.mlp + residual + LayerNorm (block.mlp_norm).",
        no_mlp,
    ),
    Misconception(
        "mlp-without-residual",
        "4.1",
        "MLP without its residual connection",
        "the MLP's output is added to its input before the LayerNorm: LayerNorm(M̂ + MLP(M̂)).",
        mlp_without_residual,
    ),
    Misconception(
        "gates-from-new-memory",
        "4.2",
        "gates from the new memory instead of the previous",
        "the gates decide how much of the *previous* memory to keep, so they look at the "
        "memory before this step: core.gates(x̂, state), not core.gates(x̂, M̃).",
        gates_from_new_memory,
    ),
    Misconception(
        "step-attention-discarded",
        "4.2",
        "attention result computed and then discarded",
        "M' = i ⊙ tanh(M̃) + f ⊙ M uses the attended memory M̃ for the new content; with the "
        "old memory in both places attention changes nothing.",
        step_attention_discarded,
    ),
    Misconception(
        "no-gating",
        "4.2",
        "gates not applied",
        "with gate_style 'unit' or 'memory' the next memory is i ⊙ tanh(M̃) + f ⊙ M, not M̃ itself.",
        no_gating,
    ),
    Misconception(
        "output-before-gating",
        "4.2",
        "output taken before the gates",
        "the step's output is the *next* memory M' flattened to [B, N*F], after the gates.",
        output_before_gating,
    ),
    Misconception(
        "state-not-carried",
        "4.3",
        "state not carried from step to step",
        "feed each step the state returned by the previous one: output, state = rmc_step(core, x_t, state).",
        state_not_carried,
    ),
    Misconception(
        "zeros-initial-state",
        "4.3",
        "initial state of zeros",
        "when no state is given, start from core.initial_state(batch_size), the identity-padded memory, not zeros.",
        zeros_initial_state,
    ),
    Misconception(
        "time-axis-first",
        "4.3",
        "outputs stacked along the wrong axis",
        "stack the outputs along dim=1 so they are [B, T, N*F], batch first like the input.",
        time_axis_first,
    ),
    Misconception(
        "last-output-only",
        "4.3",
        "only the last output returned",
        "return the outputs of every step, [B, T, N*F], not just the last one.",
        last_output_only,
    ),
]


seal(sys.modules[__name__])  # everything the checks use is imported: snapshot, read-only
