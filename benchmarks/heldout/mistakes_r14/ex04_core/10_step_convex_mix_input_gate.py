"""
exercise: 4.2
learner: careful
cause: The update is written GRU-style as a convex mix, i ⊙ tanh(M̃) + (1 − i) ⊙ M, and the forget gate is never used; the RMC has an independent forget gate: M' = i ⊙ tanh(M̃) + f ⊙ M.
downstream: no
wrong_function: rmc_step
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)  # [B, F]
    attended_memory, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, state)
    next_state = input_gate * torch.tanh(attended_memory) + (1 - input_gate) * state
    return next_state.reshape(next_state.shape[0], -1), next_state
