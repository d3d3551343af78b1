"""
exercise: 4.2
learner: weak
cause: next_state.flatten() flattens the batch axis too and returns one long vector; keep the batch axis with flatten(start_dim=1) or reshape(B, -1).
downstream: no
"""

# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)
    attended, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, state)
    next_state = input_gate * torch.tanh(attended) + forget_gate * state
    return next_state.flatten(), next_state
