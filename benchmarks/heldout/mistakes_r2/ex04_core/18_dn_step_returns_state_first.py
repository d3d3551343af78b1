"""
exercise: 4.3
learner: weak
cause: rmc_step returns (next_state, output) instead of (output, next_state), so unroll carries the flattened output as the state and the next step fails; return the output first.
downstream: yes
wrong_function: 4.2 rmc_step
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return next_state, next_state.flatten(1)
