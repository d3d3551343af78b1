"""
exercise: 4.3
learner: careful
cause: In 4.2 the memory is squashed with tanh before core.gates, which applies tanh(M) itself, so the gates see tanh(tanh(M)); pass the previous memory as it is.
downstream: yes (4.2 rmc_step is wrong)
wrong_function: rmc_step
"""

# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(projected, torch.tanh(state))
    next_state = input_gate * torch.tanh(attended) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
