"""
exercise: 4.3
learner: careful
cause: In 4.2 the old memory is kept with (1 - i), a GRU-style coupled gate, and the forget gate core.gates returns is thrown away; the RMC has two independent gates: M' = i ⊙ tanh(M̃) + f ⊙ M.
downstream: yes (4.2 rmc_step)
wrong_function: rmc_step
"""
# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, x_hat)
    input_gate, _ = core.gates(x_hat, state)
    next_state = input_gate * torch.tanh(attended_memory) + (1 - input_gate) * state
    return next_state.reshape(next_state.shape[0], -1), next_state
