"""
exercise: 4.2
learner: weak
cause: core.gates is called as gates(memory, x̂), the reverse of its signature gates(projected_input, memory), so it gets a [B, N, F] tensor where x̂ [B, F] goes and raises; pass the projected input first, core.gates(projected_input, state).
downstream: no
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    projected_input = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, projected_input)
    input_gate, forget_gate = core.gates(state, projected_input)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
