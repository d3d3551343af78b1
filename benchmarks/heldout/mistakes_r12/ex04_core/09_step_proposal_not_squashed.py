"""
exercise: 4.2
learner: weak
cause: The input gate multiplies M̃ as it is, without the tanh; the update is M' = i ⊙ tanh(M̃) + f ⊙ M, so squash the attended memory with torch.tanh before gating it.
downstream: no
wrong_function: rmc_step
"""

# ruff: noqa: F821


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, state)
    next_state = input_gate * attended_memory + forget_gate * state
    output = next_state.flatten(start_dim=1)
    return output, next_state
