"""
exercise: 4.2
learner: careful
cause: The output is the flattened memory the step started from, not the new memory M'; flatten next_state for the output.
downstream: no
"""

# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)
    attended, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, state)
    output = state.flatten(start_dim=1)  # [B, N*F]
    next_state = input_gate * torch.tanh(attended) + forget_gate * state
    return output, next_state
