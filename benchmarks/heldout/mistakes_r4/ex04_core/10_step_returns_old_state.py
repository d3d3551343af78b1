"""
exercise: 4.2
learner: weak
cause: The step returns the memory it was given as the next state; return the gated memory M' it computed.
downstream: no
"""

# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    new_memory = input_gate * torch.tanh(attended) + forget_gate * state
    return new_memory.reshape(new_memory.shape[0], -1), state
