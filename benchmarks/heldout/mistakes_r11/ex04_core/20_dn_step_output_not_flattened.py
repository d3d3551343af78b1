"""
exercise: 4.3
learner: weak
cause: In 4.2 the output is returned as the memory itself, [B, N, F], not flattened, so the unrolled outputs come out [B, T, N, F]; the step's output is M' flattened per example, next_state.reshape(B, -1) -> [B, N*F].
downstream: yes (4.2 rmc_step)
wrong_function: rmc_step
"""

import torch


def rmc_step(core, inputs, state):
    """x_t [B, input_size], state M [B, N, F] -> (output [B, N*F], next state M' [B, N, F])."""
    x_hat = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, x_hat)  # noqa: F821
    input_gate, forget_gate = core.gates(x_hat, state)
    next_memory = input_gate * torch.tanh(attended_memory) + forget_gate * state
    output = next_memory
    return output, next_memory
