"""
exercise: 4.2
learner: weak
cause: The attended memory is squashed with a sigmoid (the gates' nonlinearity), which makes every proposed value positive, in (0, 1); the proposal goes through tanh, M' = i ⊙ tanh(M̃) + f ⊙ M.
downstream: no
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    projected_input = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, projected_input)
    input_gate, forget_gate = core.gates(projected_input, state)
    next_state = input_gate * torch.sigmoid(attended_memory) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
