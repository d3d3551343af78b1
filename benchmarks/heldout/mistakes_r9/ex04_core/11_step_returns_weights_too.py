"""
exercise: 4.2
learner: weak
cause: The step returns the attention weights as a third element, as core(..., return_attention=True) does; the exercise asks for the pair (output [B, N*F], next_state [B, N, F]) only.
downstream: no
wrong_function: rmc_step
"""

# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    projected_input = core.input_projection(inputs)
    attended_memory, weights = attend_over_memory(core, state, projected_input)
    input_gate, forget_gate = core.gates(projected_input, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state, weights
