"""
exercise: 4.2
learner: careful
cause: The gates are computed from the attended memory M̃, as if they should look at the new proposal; they read the previous memory, core.gates(x̂, state), the state passed into the step.
downstream: no
"""

import torch

# ruff: noqa: F821


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(projected, attended)
    next_state = input_gate * torch.tanh(attended) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
