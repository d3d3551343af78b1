"""
exercise: 4.2
learner: careful
cause: The output is tanh(M') flattened, as an LSTM's h = o ⊙ tanh(c); in the RMC the output is the new memory M' itself, flattened, with no squashing.
downstream: no
wrong_function: rmc_step
"""
# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    output = torch.tanh(next_state).reshape(next_state.shape[0], -1)
    return output, next_state
