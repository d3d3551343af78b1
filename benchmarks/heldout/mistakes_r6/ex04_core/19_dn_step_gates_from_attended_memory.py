"""
exercise: 4.3
learner: careful
cause: In 4.2 the gates are computed from the attended memory M̃ instead of the previous memory M; the gates decide from x̂ and the memory the step started with, core.gates(projected_input, state).
downstream: yes (4.2 rmc_step is wrong)
wrong_function: rmc_step
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    projected_input = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, projected_input)
    input_gate, forget_gate = core.gates(projected_input, attended_memory)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
