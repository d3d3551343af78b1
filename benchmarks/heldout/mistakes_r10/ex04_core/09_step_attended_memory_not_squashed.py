"""
exercise: 4.2
learner: careful
cause: The attended memory is written in without its tanh, on the idea that the LayerNorm already keeps it in range; the update is M' = i ⊙ tanh(M̃) + f ⊙ M, so squash M̃ before the input gate.
downstream: no
wrong_function: rmc_step
"""

# ruff: noqa: F821


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, state)
    next_state = input_gate * attended_memory + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
