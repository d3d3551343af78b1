"""
exercise: 4.2
learner: weak
cause: The output averages the new memory over its slots, [B, F], like an LSTM's hidden vector; the RMC's output is every slot side by side, M' flattened to [B, N*F] (next_state.reshape(B, -1)).
downstream: no
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    projected_input = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, projected_input)
    input_gate, forget_gate = core.gates(projected_input, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return next_state.mean(dim=1), next_state
