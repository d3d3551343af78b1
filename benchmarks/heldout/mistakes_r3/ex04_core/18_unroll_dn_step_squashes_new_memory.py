"""
exercise: 4.3
learner: careful
cause: rmc_step squashes the new memory with tanh as an LSTM squashes its hidden output, M' = tanh(i * tanh(M̃) + f * M); the RMC has no such output squashing, M' = i * tanh(M̃) + f * M.
downstream: yes (4.2 rmc_step is wrong)
wrong_function: rmc_step
"""

# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)
    attended, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, state)
    next_state = torch.tanh(input_gate * torch.tanh(attended) + forget_gate * state)
    return next_state.reshape(next_state.shape[0], -1), next_state
