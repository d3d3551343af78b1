"""
exercise: 4.3
learner: careful
cause: In 4.2 the gates are computed from the attended memory M̃ instead of the previous memory M (core.gates(x̂, M̃)); the gates read the memory the step started from: core.gates(x̂, state).
downstream: yes (4.2 rmc_step)
wrong_function: rmc_step
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)  # [B, F]
    attended_memory, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, attended_memory)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
