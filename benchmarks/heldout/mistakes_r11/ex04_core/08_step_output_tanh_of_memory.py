"""
exercise: 4.2
learner: careful
cause: The output is taken as tanh(M') like an LSTM's h = o * tanh(c); the RMC has no output squashing, the output is M' itself flattened, next_state.reshape(B, -1).
downstream: no
wrong_function: rmc_step
"""

import torch


def rmc_step(core, inputs, state):
    """x_t [B, input_size], state M [B, N, F] -> (output [B, N*F], next state M' [B, N, F])."""
    projected = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, projected)  # noqa: F821
    input_gate, forget_gate = core.gates(projected, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    output = torch.tanh(next_state).flatten(start_dim=1)  # [B, N*F]
    return output, next_state
