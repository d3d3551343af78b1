"""
exercise: 4.2
learner: careful
cause: The old memory is weighted by 1 - i, as in a GRU's coupled update, so the forget gate core.gates returns is never used; the RMC has two independent gates, M' = i ⊙ tanh(M̃) + f ⊙ M.
downstream: no
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    projected_input = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, projected_input)
    input_gate, forget_gate = core.gates(projected_input, state)
    next_state = input_gate * torch.tanh(attended_memory) + (1 - input_gate) * state
    return next_state.reshape(next_state.shape[0], -1), next_state
