"""
exercise: 4.2
learner: careful
cause: The attended memory is squashed with a sigmoid, as if it were one more gate, so the new content is always positive, in (0, 1); the proposal is squashed with tanh, M' = i * tanh(M̃) + f * M.
downstream: no
"""

# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_state = input_gate * torch.sigmoid(attended) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
