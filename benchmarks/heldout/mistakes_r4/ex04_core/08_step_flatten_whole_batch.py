"""
exercise: 4.2
learner: weak
cause: flatten() with no arguments flattens the batch too, giving [B·N·F]; flatten from axis 1, next_state.flatten(1) (or reshape(B, -1)).
downstream: no
"""

# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_state = input_gate * torch.tanh(attended) + forget_gate * state
    return next_state.flatten(), next_state
