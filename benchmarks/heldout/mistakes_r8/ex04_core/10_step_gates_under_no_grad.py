"""
exercise: 4.2
learner: careful
cause: The gates are computed under torch.no_grad(), as if the previous memory's gates were fixed control values, so no gradient reaches the gate layers (nor the input projection through them) and they never learn; compute core.gates(x̂, memory) with autograd on.
downstream: no
"""

# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = attend_over_memory(core, state, projected)
    with torch.no_grad():
        input_gate, forget_gate = core.gates(projected, state)
    next_state = input_gate * torch.tanh(attended) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
