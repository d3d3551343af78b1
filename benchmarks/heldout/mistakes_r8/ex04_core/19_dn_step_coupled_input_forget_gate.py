"""
exercise: 4.3
learner: careful
cause: In 4.2 the old memory is kept with (1 - i), a GRU-style coupled gate, and the forget gate core.gates returned is never used; the RMC has two independent gates, M' = i * tanh(M̃) + f * M.
downstream: yes (4.2 rmc_step is wrong)
wrong_function: rmc_step
"""

# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = attend_over_memory(core, state, projected)
    input_gate, _ = core.gates(projected, state)
    next_state = input_gate * torch.tanh(attended) + (1 - input_gate) * state
    return next_state.reshape(next_state.shape[0], -1), next_state
