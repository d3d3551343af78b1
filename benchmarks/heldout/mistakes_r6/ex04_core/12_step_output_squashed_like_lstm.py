"""
exercise: 4.2
learner: careful
cause: The output is tanh(M') flattened, as an LSTM outputs tanh of its cell; the RMC has no output nonlinearity, its output is the new memory M' itself, flattened.
downstream: no
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    projected_input = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, projected_input)
    input_gate, forget_gate = core.gates(projected_input, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return torch.tanh(next_state).reshape(next_state.shape[0], -1), next_state
