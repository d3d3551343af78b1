"""
exercise: 4.2
learner: weak
cause: core.gates returns (input gate, forget gate) and they are unpacked the other way round, so the forget gate scales the new content and the input gate the old memory; unpack input_gate, forget_gate = core.gates(...).
downstream: no
wrong_function: rmc_step
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)  # [B, F]
    attended_memory, _ = attend_over_memory(core, state, x_hat)
    forget_gate, input_gate = core.gates(x_hat, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
