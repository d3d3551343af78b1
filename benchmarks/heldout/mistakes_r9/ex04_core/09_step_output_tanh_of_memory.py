"""
exercise: 4.2
learner: careful
cause: The output is tanh(M') flattened, as an LSTM's h = o ⊙ tanh(c); the RMC has no output squashing, its output is the new memory M' itself, flattened.
downstream: no
wrong_function: rmc_step
"""

# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    projected_input = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, projected_input)
    input_gate, forget_gate = core.gates(projected_input, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    output = torch.tanh(next_state).reshape(next_state.shape[0], -1)
    return output, next_state
