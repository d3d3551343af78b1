"""
exercise: 4.2
learner: careful
cause: The gates are computed from the attended memory M̃ instead of the previous memory M; call core.gates(x̂, state) with the memory from before this step.
downstream: no
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(projected, attended_memory)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
