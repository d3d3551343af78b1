"""
exercise: 4.2
learner: weak
cause: The attended memory is squashed with a sigmoid, the gates' nonlinearity, which only writes values in (0, 1); the proposal is squashed with tanh, torch.tanh(M̃), so it can write negative values too.
downstream: no
wrong_function: rmc_step
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, state)
    next_state = input_gate * torch.sigmoid(attended_memory) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
