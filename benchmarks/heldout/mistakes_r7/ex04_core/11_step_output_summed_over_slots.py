"""
exercise: 4.2
learner: weak
cause: The output sums the new memory over its slots, [B, F], which mixes the slots together and is N times too narrow; the output is M' flattened, next_state.reshape(B, -1) -> [B, N*F].
downstream: no
"""

import torch

# ruff: noqa: F821


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_state = input_gate * torch.tanh(attended) + forget_gate * state
    return next_state.sum(dim=1), next_state
