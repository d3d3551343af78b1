"""
exercise: 4.3
learner: weak
cause: The states [B, N, F] are collected instead of the step outputs, giving [B, T, N, F]; append the output [B, N*F] that the step returns first.
downstream: no
wrong_function: unroll
"""
# ruff: noqa: F821

import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    states = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        states.append(state)
    return torch.stack(states, dim=1), state
