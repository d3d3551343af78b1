import torch


def attend_over_memory(core, memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> (M̃ [B, N, F], weights [B, num_blocks, H, N+1, N+1])."""
    rows = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)  # [B, N+1, F]
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(rows)  # [B, N+1, F], [B, H, N+1, N+1]
        rows = block.attention_norm(rows + attended)
        rows = block.mlp_norm(rows + core.mlp(rows))
        all_weights.append(weights)
    return rows[:, :-1], torch.stack(all_weights, dim=1)


def rmc_step(core, inputs, state):
    """x_t [B, input_size], state M [B, N, F] -> (output [B, N*F], next state M' [B, N, F])."""
    projected = core.input_projection(inputs)  # [B, F]
    attended_memory, _ = attend_over_memory(core, state, projected)  # [B, N, F]
    input_gate, forget_gate = core.gates(projected, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state  # [B, N, F]
    return next_state.reshape(next_state.shape[0], -1), next_state


def unroll(core, inputs, state=None):
    """x [B, T, input_size] -> (outputs [B, T, N*F], final state [B, N, F])."""
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
