"""
exercise: 4.2
learner: weak
cause: view(-1) flattens the batch axis too, giving one vector of B*N*F; keep the batch axis: next_state.reshape(B, -1).
downstream: no
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return next_state.view(-1), next_state
