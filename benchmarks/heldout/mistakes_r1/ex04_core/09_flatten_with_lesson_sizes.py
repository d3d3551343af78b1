"""
exercise: 4.2
learner: weak
cause: the output is flattened to the lesson's [2, 30] (batch 2, N*F = 30) instead of [B, -1] read from the tensor.
downstream: no
"""

# ruff: noqa: F821  (the earlier answer functions come from correct.py, as from earlier notebook cells)
import torch


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return next_state.reshape(2, 30), next_state
