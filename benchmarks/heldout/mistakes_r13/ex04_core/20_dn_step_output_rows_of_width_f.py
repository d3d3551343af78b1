"""
exercise: 4.3
learner: weak
cause: In 4.2 the output is reshaped to rows of the memory width, reshape(-1, core.mem_size) -> [B·N, F], mixing up mem_size (F) with output_size (N·F); flatten per example: next_state.reshape(B, -1), [B, N·F].
downstream: yes (4.2 rmc_step)
wrong_function: rmc_step
"""
# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return next_state.reshape(-1, core.mem_size), next_state
