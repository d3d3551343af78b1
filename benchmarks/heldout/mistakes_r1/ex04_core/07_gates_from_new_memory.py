"""
exercise: 4.2
learner: careful
cause: the gates are computed from the attended memory M̃ instead of the previous memory M.
downstream: no
"""

# ruff: noqa: F821  (the earlier answer functions come from correct.py, as from earlier notebook cells)
import torch


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, attended_memory)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
