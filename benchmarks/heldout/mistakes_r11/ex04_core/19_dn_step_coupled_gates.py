"""
exercise: 4.3
learner: careful
cause: In 4.2 the old memory is kept with (1 - i), a GRU-style coupled gate, and the forget gate core.gates returned is never used; the RMC has two independent gates, M' = i ⊙ tanh(M̃) + f ⊙ M.
downstream: yes (4.2 rmc_step)
wrong_function: rmc_step
"""

import torch


def rmc_step(core, inputs, state):
    """x_t [B, input_size], state M [B, N, F] -> (output [B, N*F], next state M' [B, N, F])."""
    x_hat = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, x_hat)  # noqa: F821
    input_gate, forget_gate = core.gates(x_hat, state)
    next_state = input_gate * torch.tanh(attended_memory) + (1 - input_gate) * state
    return next_state.reshape(next_state.shape[0], -1), next_state
