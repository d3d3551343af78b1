"""
exercise: 4.2
learner: careful
cause: The gates are computed from the attended memory M̃; they are computed from the previous memory M (the state passed in), core.gates(x̂, state), as the exercise asks.
downstream: no
wrong_function: rmc_step
"""

import torch


def rmc_step(core, inputs, state):
    """x_t [B, input_size], state M [B, N, F] -> (output [B, N*F], next state M' [B, N, F])."""
    x_hat = core.input_projection(inputs)  # [B, F]
    attended_memory, _ = attend_over_memory(core, state, x_hat)  # noqa: F821
    input_gate, forget_gate = core.gates(x_hat, attended_memory)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return next_state.flatten(1), next_state
