"""
exercise: 4.2
learner: careful
cause: The next state is detached, which cuts the gradient from later steps back into this one (truncated backprop is a training-loop choice, not part of the step); return M' attached to the graph.
downstream: no
"""

# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_state = input_gate * torch.tanh(attended) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state.detach()
