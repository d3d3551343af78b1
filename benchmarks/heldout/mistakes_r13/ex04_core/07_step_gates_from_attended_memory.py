"""
exercise: 4.2
learner: weak
cause: The gates are computed from the attended memory M̃, but they read the previous memory M (the state passed in): core.gates(x_hat, state).
downstream: no
wrong_function: rmc_step
"""
# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, attended_memory)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
