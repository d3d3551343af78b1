"""
exercise: 4.3
learner: careful
cause: In 4.2 the previous memory is detached before it goes into core.gates (as if "previous" meant a constant), so over a sequence no gradient flows from the gates back into earlier steps; pass the state itself, core.gates(x̂, state).
downstream: yes (4.2 rmc_step is wrong)
wrong_function: rmc_step
"""

import torch

# ruff: noqa: F821


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(projected, state.detach())
    next_state = input_gate * torch.tanh(attended) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
