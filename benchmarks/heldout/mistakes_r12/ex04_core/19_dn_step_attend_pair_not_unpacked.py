"""
exercise: 4.3
learner: weak
cause: In 4.2 the result of attend_over_memory is used as one tensor, but it returns a pair (M̃, weights), so torch.tanh gets a tuple and the step fails; unpack it, attended_memory, _ = attend_over_memory(core, state, x_hat).
downstream: yes (4.2 rmc_step)
wrong_function: rmc_step
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)
    attended_memory = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
