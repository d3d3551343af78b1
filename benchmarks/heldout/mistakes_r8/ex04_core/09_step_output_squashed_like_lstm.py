"""
exercise: 4.2
learner: careful
cause: The output is tanh(M') flattened, by analogy with an LSTM's h = o * tanh(c), but the RMC has no separate hidden state: the output is the new memory M' itself, flattened.
downstream: no
"""

# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_state = input_gate * torch.tanh(attended) + forget_gate * state
    return torch.tanh(next_state).reshape(next_state.shape[0], -1), next_state
