"""
exercise: 4.2
learner: weak
cause: The output is flattened through NumPy (detach().numpy() then torch.from_numpy), which cuts it from the graph, so no loss on the output can train the core; flatten with torch, next_state.reshape(B, -1).
downstream: no
wrong_function: rmc_step
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)  # [B, F]
    attended_memory, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    batch_size = next_state.shape[0]
    output = torch.from_numpy(next_state.detach().numpy().reshape(batch_size, -1))
    return output, next_state
