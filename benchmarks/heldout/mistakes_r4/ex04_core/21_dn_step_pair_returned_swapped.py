"""
exercise: 4.3
learner: weak
cause: In 4.2 the pair is returned as (next_state, output), the reverse of (output [B, N·F], next_state [B, N, F]), so the next step gets the flat output as its memory; return the output first.
downstream: yes (4.2 rmc_step is wrong)
wrong_function: rmc_step
"""

# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_state = input_gate * torch.tanh(attended) + forget_gate * state
    return next_state, next_state.reshape(next_state.shape[0], -1)
