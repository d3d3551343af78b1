"""
exercise: 4.3
learner: weak
cause: In 4.2 the input is projected by a new torch.nn.Linear built inside the step, so every call uses fresh random weights that are never trained; project with the core's own layer, core.input_projection(inputs).
downstream: yes (4.2 rmc_step)
wrong_function: rmc_step
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    projection = torch.nn.Linear(inputs.shape[-1], core.mem_size)
    x_hat = projection(inputs)  # [B, F]
    attended_memory, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
