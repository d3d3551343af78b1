"""
exercise: 4.2
learner: weak
cause: The attended memory is written as it is, i ⊙ M̃ + f ⊙ M; the formula squashes the proposal first, i ⊙ tanh(M̃) + f ⊙ M.
downstream: no
wrong_function: rmc_step
"""

# ruff: noqa: F821


def rmc_step(core, inputs, state):
    projected_input = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, projected_input)
    input_gate, forget_gate = core.gates(projected_input, state)
    next_state = input_gate * attended_memory + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
