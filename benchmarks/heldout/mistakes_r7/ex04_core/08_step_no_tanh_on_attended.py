"""
exercise: 4.2
learner: weak
cause: The attended memory is mixed in without its tanh, M' = i ⊙ M̃ + f ⊙ M, so the new content is not bounded to (-1, 1); squash the proposal first, i ⊙ tanh(M̃) + f ⊙ M.
downstream: no
"""
# ruff: noqa: F821


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_state = input_gate * attended + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
