"""
exercise: 4.2
learner: weak
cause: ⊙ is typed as @, a batched matrix product of [B, N, G] with [B, N, F], which fails (or mixes slots) instead of multiplying entry by entry; the gates act element-wise: input_gate * torch.tanh(attended) + forget_gate * state.
downstream: no
wrong_function: rmc_step
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, state)
    next_state = input_gate @ torch.tanh(attended_memory) + forget_gate @ state
    return next_state.reshape(next_state.shape[0], -1), next_state
