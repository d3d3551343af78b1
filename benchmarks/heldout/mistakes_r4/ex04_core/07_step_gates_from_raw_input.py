"""
exercise: 4.2
learner: weak
cause: core.gates is given the raw x_t [B, input_size]; the gates take the projected input x̂ [B, F] that core.input_projection returned.
downstream: no
"""

# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(inputs, state)
    next_state = input_gate * torch.tanh(attended) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
