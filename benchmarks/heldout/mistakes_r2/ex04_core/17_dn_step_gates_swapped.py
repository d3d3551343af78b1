"""
exercise: 4.3
learner: weak
cause: rmc_step mixes with the gates swapped, i ⊙ M + f ⊙ tanh(M̃); the input gate weighs the new content and the forget gate the old memory: M' = i ⊙ tanh(M̃) + f ⊙ M.
downstream: yes
wrong_function: 4.2 rmc_step
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_state = input_gate * state + forget_gate * torch.tanh(attended_memory)
    return next_state.reshape(next_state.shape[0], -1), next_state
