"""
exercise: 4.2
learner: careful
cause: M̃ is used without its tanh (it has just been through a LayerNorm, but that does not bound it); the update is M' = i ⊙ tanh(M̃) + f ⊙ M.
downstream: no
wrong_function: rmc_step
"""
# ruff: noqa: F821


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, state)
    next_state = input_gate * attended_memory + forget_gate * state
    return next_state.flatten(start_dim=1), next_state
