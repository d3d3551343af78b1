"""
exercise: 4.2
learner: weak
cause: attend_over_memory returns a pair (M̃, weights) and the whole tuple is kept, so torch.tanh fails on it; unpack it, attended_memory, _ = attend_over_memory(...).
downstream: no
wrong_function: rmc_step
"""

import torch


def rmc_step(core, inputs, state):
    """x_t [B, input_size], state M [B, N, F] -> (output [B, N*F], next state M' [B, N, F])."""
    x_hat = core.input_projection(inputs)
    attended_memory = attend_over_memory(core, state, x_hat)  # noqa: F821
    input_gate, forget_gate = core.gates(x_hat, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    output = next_state.reshape(inputs.shape[0], -1)
    return output, next_state
