"""
exercise: 4.2
learner: weak
cause: attend_over_memory returns a pair (M̃, weights), and the whole pair is used as M̃, so torch.tanh gets a tuple; unpack it, attended, _ = attend_over_memory(core, state, projected).
downstream: no
"""

import torch

# ruff: noqa: F821


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_state = input_gate * torch.tanh(attended) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
