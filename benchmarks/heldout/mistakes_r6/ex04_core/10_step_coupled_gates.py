"""
exercise: 4.2
learner: careful
cause: The forget gate is replaced by 1 - i (coupled gates, as in a GRU), so the old memory is kept by 1 - i instead of by its own forget gate with its forget bias; mix with both gates, i * tanh(M̃) + f * M.
downstream: no
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    projected_input = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, projected_input)
    input_gate, _ = core.gates(projected_input, state)
    next_state = input_gate * torch.tanh(attended_memory) + (1 - input_gate) * state
    return next_state.reshape(next_state.shape[0], -1), next_state
