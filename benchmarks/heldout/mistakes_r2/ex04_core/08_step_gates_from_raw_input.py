"""
exercise: 4.2
learner: weak
cause: The raw input x_t (input_size wide) is passed to core.gates instead of the projected input x̂ (F wide), which fails on the width; pass the output of core.input_projection.
downstream: no
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(inputs, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
