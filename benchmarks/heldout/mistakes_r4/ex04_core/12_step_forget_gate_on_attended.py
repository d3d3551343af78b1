"""
exercise: 4.2
learner: careful
cause: The forget gate multiplies the attended memory M̃ instead of the old memory M, so nothing of the previous memory is carried over directly; the kept part is f ⊙ M, with M the state passed in.
downstream: no
"""

# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_state = input_gate * torch.tanh(attended) + forget_gate * attended
    return next_state.reshape(next_state.shape[0], -1), next_state
