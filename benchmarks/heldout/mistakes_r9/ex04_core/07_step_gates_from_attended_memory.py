"""
exercise: 4.2
learner: careful
cause: The gates are computed from the attended memory M̃; they read the previous memory M (the state passed in), core.gates(projected_input, state), while M̃ is only what gets written.
downstream: no
wrong_function: rmc_step
"""

# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    projected_input = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, projected_input)
    input_gate, forget_gate = core.gates(projected_input, attended_memory)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
