"""
exercise: 4.3
learner: careful
cause: In 4.2 the memory is mixed GRU-style, i ⊙ tanh(M̃) + (1 - i) ⊙ M, and the forget gate is dropped; the RMC has two independent gates, M' = i ⊙ tanh(M̃) + f ⊙ M with both from core.gates.
downstream: yes (4.2 rmc_step)
wrong_function: rmc_step
"""

# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    projected_input = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, projected_input)
    input_gate, _ = core.gates(projected_input, state)
    next_state = input_gate * torch.tanh(attended_memory) + (1 - input_gate) * state
    return next_state.reshape(next_state.shape[0], -1), next_state
