"""
exercise: 4.3
learner: careful
cause: In 4.2 the output is tanh(M') flattened, like an LSTM's h = o ⊙ tanh(c); the RMC has no output squash, its output is the new memory M' itself, flattened.
downstream: yes (4.2 rmc_step)
wrong_function: rmc_step
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return torch.tanh(next_state).reshape(next_state.shape[0], -1), next_state
