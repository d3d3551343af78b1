"""
exercise: 4.2
learner: weak
cause: The pair core.gates returns is unpacked as (forget, input), but it is (input gate, forget gate), so the forget gate scales the new content and the input gate the old memory; unpack input_gate, forget_gate = core.gates(...).
downstream: no
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    projected_input = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, projected_input)
    forget_gate, input_gate = core.gates(projected_input, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
