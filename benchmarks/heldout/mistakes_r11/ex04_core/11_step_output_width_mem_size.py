"""
exercise: 4.2
learner: weak
cause: core.mem_size is the width F of one slot, not the size of the whole memory, so reshape(-1, core.mem_size) gives [B*N, F]; the output width is N*F (core.output_size), next_state.reshape(B, -1).
downstream: no
wrong_function: rmc_step
"""

import torch


def rmc_step(core, inputs, state):
    """x_t [B, input_size], state M [B, N, F] -> (output [B, N*F], next state M' [B, N, F])."""
    x_hat = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, x_hat)  # noqa: F821
    input_gate, forget_gate = core.gates(x_hat, state)
    new_memory = input_gate * torch.tanh(attended_memory) + forget_gate * state
    output = new_memory.reshape(-1, core.mem_size)
    return output, new_memory
