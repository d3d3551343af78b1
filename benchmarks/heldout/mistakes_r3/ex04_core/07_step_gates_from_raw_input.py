"""
exercise: 4.2
learner: weak
cause: The gates get the raw input x_t instead of the projected input x̂, whose width is the memory width; pass the output of core.input_projection to core.gates.
downstream: no
"""

# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)
    attended, _ = attend_over_memory(core, state, x_hat)
    i, f = core.gates(inputs, state)
    new_state = i * torch.tanh(attended) + f * state
    return new_state.reshape(inputs.shape[0], -1), new_state
