"""
exercise: 4.2
learner: weak
cause: core.gates returns (input gate, forget gate) in that order, and unpacking it as (forget, input) swaps their roles, so the forget gate scales the new content and the input gate the old memory; unpack input_gate, forget_gate = core.gates(x̂, memory).
downstream: no
"""

# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = attend_over_memory(core, state, projected)
    forget_gate, input_gate = core.gates(projected, state)
    next_state = input_gate * torch.tanh(attended) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
