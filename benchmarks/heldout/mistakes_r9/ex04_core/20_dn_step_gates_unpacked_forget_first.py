"""
exercise: 4.3
learner: weak
cause: In 4.2 the gates are unpacked as (forget, input), but core.gates returns (input_gate, forget_gate), so the proposal is scaled by the forget gate and the old memory by the input gate; unpack input_gate, forget_gate = core.gates(...).
downstream: yes (4.2 rmc_step)
wrong_function: rmc_step
"""

# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    projected_input = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, projected_input)
    forget_gate, input_gate = core.gates(projected_input, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
